// Picks the mailer from configuration: SMTP when SMTP_HOST is set, else the outbox folder under DATA_DIR.
import { join } from 'node:path';
import type { DelegateConfig } from '../config/features/delegate';
import type { Mailer } from './mailMessage';
import { createOutboxMailer } from './outboxMailer';

export const OUTBOX_FOLDER = 'outbox';

export function createMailer(config: DelegateConfig['delegate'], dataDir: string): Mailer {
  // Teams waits about 15 s for an answer: an SMTP server that does not answer within 10 s is reported as refused.
  if (!config.smtp) return createOutboxMailer(join(dataDir, OUTBOX_FOLDER));
  // Loaded only when SMTP is configured: nodemailer's SMTP transport is not needed by the outbox.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createSmtpMailer } = require('./smtpMailer') as typeof import('./smtpMailer');
  return createSmtpMailer({ ...config.smtp, timeoutMs: 10_000 });
}
