// The Mailer contract: the outbox and the SMTP mailer run this same suite through the port only. Each harness
// reads back what really left the bot (the .eml files written, or what a real SMTP server on loopback received).
import { simpleParser, type ParsedMail } from 'mailparser';
import { isAppError } from '../../src/errors/appError';
import type { Mailer, MailMessage } from '../../src/mail/mailMessage';

export interface MailerHarness {
  mailer: Mailer;
  /** Every message delivered so far, raw (RFC 5322), in order, with the envelope recipients where known. */
  delivered(): Promise<Array<{ raw: Buffer; envelopeTo?: string[] }>>;
  cleanup(): Promise<void>;
}

const message = (overrides: Partial<MailMessage> = {}): MailMessage => ({
  messageId: '<d_abc123@posture-bot.delegation>',
  from: 'soc@contoso.example',
  to: ['owner@contoso.example'],
  cc: ['lead@contoso.example'],
  subject: 'Fix: Storage accounts should restrict network access (stweb01)',
  text: 'Hello,\n\nPlease fix <b>this</b> & that.\nDue 2027-01-31.',
  ...overrides,
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => undefined, (error: unknown) => error);
}

export function runMailerContract(name: string, open: () => Promise<MailerHarness>): void {
  describe(`Mailer contract: ${name}`, () => {
    let harness: MailerHarness;
    beforeEach(async () => {
      harness = await open();
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    const parsedAll = async (): Promise<ParsedMail[]> => Promise.all((await harness.delivered()).map((d) => simpleParser(d.raw)));

    it('delivers one message with its recipients, subject, Message-ID and both body parts', async () => {
      const receipt = await harness.mailer.send(message());
      expect(receipt.messageId).toBe('<d_abc123@posture-bot.delegation>');
      expect(receipt.accepted.sort()).toEqual(['lead@contoso.example', 'owner@contoso.example']);
      const [mail, ...rest] = await parsedAll();
      expect(rest).toHaveLength(0);
      expect(mail?.messageId).toBe('<d_abc123@posture-bot.delegation>');
      expect(mail?.subject).toBe('Fix: Storage accounts should restrict network access (stweb01)');
      const addresses = (field: ParsedMail['to']) => (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.map((v) => v.address));
      expect(addresses(mail?.to)).toEqual(['owner@contoso.example']);
      expect(addresses(mail?.cc)).toEqual(['lead@contoso.example']);
      expect(mail?.from?.value[0]?.address).toBe('soc@contoso.example');
      expect(mail?.text).toContain('Please fix <b>this</b> & that.');
      // The HTML part shows the text; markup in it is escaped, never interpreted.
      expect(mail?.html).toContain('Please fix &lt;b&gt;this&lt;/b&gt; &amp; that.');
      expect(mail?.html).not.toContain('<b>this</b>');
    });

    it('keeps non-ASCII subjects and bodies intact', async () => {
      await harness.mailer.send(message({ subject: 'Correctif : compte « stwéb » — 日本', text: 'Größe: ok ✓' }));
      const [mail] = await parsedAll();
      expect(mail?.subject).toBe('Correctif : compte « stwéb » — 日本');
      expect(mail?.text).toContain('Größe: ok ✓');
    });

    it.each([
      ['a CR/LF in the subject', { subject: 'Hello\r\nBcc: victim@evil.example' }],
      ['a LF in the subject', { subject: 'Hello\nX-Injected: 1' }],
      ['an address with a header after it', { to: ['owner@contoso.example\r\nBcc: victim@evil.example'] }],
      ['two addresses in one', { to: ['a@contoso.example, b@contoso.example'] }],
      ['a display name', { cc: ['Eve <eve@evil.example>'] }],
      ['no recipient', { to: [] }],
      ['a Message-ID with a header trick', { messageId: '<x@y>\r\nBcc: v@evil.example' }],
      ['a From that is not one address', { from: 'soc@contoso.example\nBcc: v@evil.example' }],
    ])('refuses %s with BAD_REQUEST and sends nothing', async (_label, overrides) => {
      const error = await rejection(harness.mailer.send(message(overrides)));
      expect(isAppError(error) && error.code).toBe('BAD_REQUEST');
      expect(await harness.delivered()).toHaveLength(0);
    });
  });
}
