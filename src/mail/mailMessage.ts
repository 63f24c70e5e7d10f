// One outgoing email, and the checks every mailer runs before anything reaches a header: addresses must each be one
// whole address, and no header value may carry CR, LF or other control characters (header injection). Text from
// resource data goes only into the body, where the HTML part escapes it.
import { AppError } from '../errors/appError';
import { isEmailAddress } from './emailAddress';

export interface MailMessage {
  /** Stable per delegation (`<id@host>`): a re-send after a crash carries the same id, so it is recognised. */
  messageId: string;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  /** The plain-text body; the HTML part is this text, escaped. */
  text: string;
}

/** Where a message went: written to the outbox folder, or accepted by the SMTP server. */
export interface MailReceipt {
  messageId: string;
  via: 'outbox' | 'smtp';
  /** The .eml file (outbox), or the server's reply (smtp). */
  where: string;
  accepted: string[];
  /** True when this message id had been written already and nothing new was written (outbox only). */
  alreadySent?: boolean;
}

/** The mail port: the outbox and SMTP implementations pass one contract suite (test/mail/mailer.contract.ts). */
export interface Mailer {
  /** "the outbox folder /data/outbox" or "SMTP server mail.example.com:587": said to the user after sending. */
  readonly description: string;
  send(message: MailMessage): Promise<MailReceipt>;
}

const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/;
const MESSAGE_ID = /^<[A-Za-z0-9._-]{1,200}@[A-Za-z0-9.-]{1,200}>$/;
export const MAX_SUBJECT = 200;
export const MAX_BODY = 100_000;
const MAX_RECIPIENTS = 20;

/** Throws BAD_REQUEST naming the first problem; returns the message unchanged when it is safe to send. */
export function checkMessage(message: MailMessage): MailMessage {
  const problem = messageProblem(message);
  if (problem) throw new AppError('BAD_REQUEST', problem);
  return message;
}

export function messageProblem(message: MailMessage): string | undefined {
  if (!MESSAGE_ID.test(message.messageId)) return 'The message id is not valid.';
  if (!isEmailAddress(message.from)) return 'The sender must be one e-mail address.';
  if (message.to.length === 0) return 'The email needs at least one recipient.';
  if (message.to.length + message.cc.length > MAX_RECIPIENTS) return `An email goes to at most ${MAX_RECIPIENTS} people.`;
  const bad = [...message.to, ...message.cc].find((address) => !isEmailAddress(address));
  if (bad !== undefined) return `"${printable(bad)}" is not one e-mail address.`;
  if (message.subject.trim() === '') return 'The subject is empty.';
  if (message.subject.length > MAX_SUBJECT) return `The subject is longer than ${MAX_SUBJECT} characters.`;
  if (CONTROL.test(message.subject)) return 'The subject must be one line, without control characters.';
  if (message.text.length > MAX_BODY) return `The body is longer than ${MAX_BODY} characters.`;
  return undefined;
}

/** A short, safe echo of a bad value for an error sentence. */
export const printable = (value: string): string => value.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, 60);

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The HTML part: the plain text escaped, paragraphs kept, nothing from the text interpreted as markup. */
export function htmlOf(text: string): string {
  const escaped = text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
  return `<!doctype html><html><body><div style="font-family:Segoe UI,Arial,sans-serif;white-space:pre-wrap">${escaped}</div></body></html>`;
}

/**
 * The nodemailer message for a checked MailMessage, as both mailers send it: plain text with an escaped HTML
 * twin, and nodemailer never told to read a file or fetch a URL.
 */
export function nodemailerMessage(message: MailMessage) {
  return {
    messageId: message.messageId,
    from: message.from,
    to: message.to,
    cc: message.cc,
    subject: message.subject,
    text: message.text,
    html: htmlOf(message.text),
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}
