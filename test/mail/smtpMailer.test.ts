// The SMTP mailer against a real SMTP server on loopback (the smtp-server package): what the server receives is
// checked, envelope and message, and a refused recipient reaches the caller as MAIL_REFUSED.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { isAppError } from '../../src/errors/appError';
import { createSmtpMailer } from '../../src/mail/smtpMailer';
import { runMailerContract } from './mailer.contract';

interface Received {
  raw: Buffer;
  envelopeTo: string[];
  from: string;
  user?: string;
}

async function startServer(options: { refuse?: (address: string) => boolean; auth?: { user: string; pass: string } } = {}) {
  const received: Received[] = [];
  const server = new SMTPServer({
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) return callback(null, { user: auth.username });
      return callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, callback) {
      if (options.refuse?.(address.address)) return callback(Object.assign(new Error('5.1.1 No such user here'), { responseCode: 550 }));
      return callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          raw: Buffer.concat(chunks),
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          ...(typeof session.user === 'string' ? { user: session.user } : {}),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = ((server as unknown as { server: { address(): AddressInfo } }).server.address()).port;
  return { server, port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

runMailerContract('SMTP (smtp-server on loopback)', async () => {
  const smtp = await startServer();
  return {
    mailer: createSmtpMailer({ host: '127.0.0.1', port: smtp.port, secure: false, timeoutMs: 5000 }),
    delivered: async () => smtp.received.map((r) => ({ raw: r.raw, envelopeTo: r.envelopeTo })),
    cleanup: smtp.close,
  };
});

describe('SMTP mailer specifics', () => {
  it('puts every To and Cc in the envelope, and logs in when a user is configured', async () => {
    const smtp = await startServer({ auth: { user: 'bot', pass: 's3cret' } });
    try {
      const mailer = createSmtpMailer({ host: '127.0.0.1', port: smtp.port, secure: false, auth: { user: 'bot', pass: 's3cret' }, timeoutMs: 5000 });
      const receipt = await mailer.send({ messageId: '<d_1@posture-bot.delegation>', from: 'soc@contoso.example', to: ['o@contoso.example'], cc: ['c@contoso.example'], subject: 'S', text: 'B' });
      expect(receipt.via).toBe('smtp');
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]?.envelopeTo.sort()).toEqual(['c@contoso.example', 'o@contoso.example']);
      expect(smtp.received[0]?.from).toBe('soc@contoso.example');
      expect(smtp.received[0]?.user).toBe('bot');
    } finally {
      await smtp.close();
    }
  });

  it('reports a recipient the server refuses as MAIL_REFUSED naming the address', async () => {
    const smtp = await startServer({ refuse: (a) => a.startsWith('gone@') });
    try {
      const mailer = createSmtpMailer({ host: '127.0.0.1', port: smtp.port, secure: false, timeoutMs: 5000 });
      const error = await mailer.send({ messageId: '<d_2@posture-bot.delegation>', from: 'soc@contoso.example', to: ['gone@contoso.example'], cc: [], subject: 'S', text: 'B' }).then(() => undefined, (e: unknown) => e);
      expect(isAppError(error) && error.code).toBe('MAIL_REFUSED');
      expect(isAppError(error) && error.userMessage).toContain('gone@contoso.example');
      expect(smtp.received).toHaveLength(0);
    } finally {
      await smtp.close();
    }
  });

  it('reports an unreachable server as MAIL_REFUSED', async () => {
    const smtp = await startServer();
    const port = smtp.port;
    await smtp.close();
    const mailer = createSmtpMailer({ host: '127.0.0.1', port, secure: false, timeoutMs: 2000 });
    const error = await mailer.send({ messageId: '<d_3@posture-bot.delegation>', from: 'soc@contoso.example', to: ['o@contoso.example'], cc: [], subject: 'S', text: 'B' }).then(() => undefined, (e: unknown) => e);
    expect(isAppError(error) && error.code).toBe('MAIL_REFUSED');
  });
});
