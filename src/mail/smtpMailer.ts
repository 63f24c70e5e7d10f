// Mail over SMTP (SMTP_HOST and friends), through nodemailer. A recipient the server refuses, or a server that
// refuses the message, is an error the delegator is told about (MAIL_REFUSED), never a silent success.
import nodemailer from 'nodemailer';
import type { SmtpSettings } from '../config/features/delegate';
import { AppError } from '../errors/appError';
import { checkMessage, nodemailerMessage, type Mailer, type MailMessage } from './mailMessage';

export interface SmtpMailerOptions extends SmtpSettings {
  /** Test servers on loopback use self-signed certificates. */
  allowSelfSigned?: boolean;
  timeoutMs?: number;
}

export function createSmtpMailer(options: SmtpMailerOptions): Mailer {
  const timeout = options.timeoutMs ?? 30_000;
  const transport = nodemailer.createTransport({
    host: options.host,
    port: options.port,
    secure: options.secure,
    ...(options.auth ? { auth: { user: options.auth.user, pass: options.auth.pass } } : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    ...(options.allowSelfSigned ? { tls: { rejectUnauthorized: false } } : {}),
  });
  return {
    description: `the SMTP server ${options.host}:${options.port}`,
    async send(message: MailMessage) {
      checkMessage(message);
      let info;
      try {
        info = await transport.sendMail(nodemailerMessage(message));
      } catch (error) {
        const reason = error instanceof Error ? error.message.replace(/[\r\n]+/g, ' ').slice(0, 200) : 'unknown error';
        const refused = (error as { rejected?: unknown }).rejected;
        if (Array.isArray(refused) && refused.length > 0) {
          throw new AppError('MAIL_REFUSED', `The email was not sent: ${options.host} refused ${refused.map(String).join(', ')} ("${reason}").`, { cause: error });
        }
        throw new AppError('MAIL_REFUSED', `The email was not sent: ${options.host} answered "${reason}".`, { cause: error });
      }
      const rejected = (info.rejected ?? []).map(String);
      if (rejected.length > 0) {
        throw new AppError('MAIL_REFUSED', `The email was not sent to ${rejected.join(', ')}: ${options.host} refused ${rejected.length === 1 ? 'that address' : 'those addresses'}.`);
      }
      return { messageId: message.messageId, via: 'smtp' as const, where: String(info.response ?? '').slice(0, 200), accepted: (info.accepted ?? []).map(String) };
    },
  };
}
