// The embedded default: each message is written, complete (headers, plain and HTML parts), as an .eml file in one
// folder, named after its Message-ID. Nothing is delivered; the user is told where the file is. Writing the same
// Message-ID again finds the file and writes nothing (a re-run after a crash sends no second copy).
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import type { Transporter } from 'nodemailer';
import { checkMessage, nodemailerMessage, type Mailer, type MailMessage } from './mailMessage';

/** The file name a Message-ID gets: its characters are already limited to [A-Za-z0-9._-@] by checkMessage. */
export const outboxFileName = (messageId: string): string => `${messageId.slice(1, -1).replace(/[^A-Za-z0-9._-]/g, '_')}.eml`;

export function createOutboxMailer(dir: string): Mailer {
  // nodemailer builds the RFC 5322 message (encoding, folding, MIME parts); the stream transport hands it back. It is
  // loaded at the first message, not at startup (~0.1 s of module loading that most runs never need).
  let built: Transporter | undefined;
  const builder = (): Transporter =>
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (built ??= (require('nodemailer') as typeof import('nodemailer')).createTransport({ streamTransport: true, buffer: true, newline: 'unix' }));
  return {
    description: `the outbox folder ${dir}`,
    async send(message: MailMessage) {
      checkMessage(message);
      const file = join(dir, outboxFileName(message.messageId));
      const receipt = { messageId: message.messageId, via: 'outbox' as const, where: file, accepted: [...message.to, ...message.cc] };
      await mkdir(dir, { recursive: true });
      const composed = await builder().sendMail(nodemailerMessage(message));
      let handle;
      try {
        handle = await open(file, 'wx');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { ...receipt, alreadySent: true };
        throw error;
      }
      try {
        await handle.writeFile(composed.message as Buffer);
        await handle.sync();
      } finally {
        await handle.close();
      }
      return receipt;
    },
  };
}
