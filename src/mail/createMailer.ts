// Picks the mailer from configuration: SMTP when SMTP_HOST is set, else the outbox folder under DATA_DIR.
import { join } from 'node:path';
import type { DelegateConfig } from '../config/features/delegate';
import type { Mailer } from './mailMessage';
import { createOutboxMailer } from './outboxMailer';
import { createSmtpMailer } from './smtpMailer';

export const OUTBOX_FOLDER = 'outbox';

export function createMailer(config: DelegateConfig['delegate'], dataDir: string): Mailer {
  // Teams waits about 15 s for an answer: an SMTP server that does not answer within 10 s is reported as refused.
  return config.smtp ? createSmtpMailer({ ...config.smtp, timeoutMs: 10_000 }) : createOutboxMailer(join(dataDir, OUTBOX_FOLDER));
}
