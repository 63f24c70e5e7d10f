// Delegating a fix to its owner: which tags name an owner, and how mail leaves the bot. With no SMTP_HOST every
// message is written as an .eml file to DATA_DIR/outbox/ (the embedded default); with SMTP_HOST it goes over SMTP.
import { z } from 'zod';
import { isEmailAddress } from '../../mail/emailAddress';
import { booleanText, defineFeature, optionalText, positiveInteger } from './feature';

export const DEFAULT_OWNER_TAG_NAMES = ['owner', 'Owner', 'owner-email'];
/** The From of outbox files when no SMTP_FROM is set (an .eml file is never delivered, so any address will do). */
export const DEFAULT_MAIL_FROM = 'posture-bot@localhost.invalid';

export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  auth?: { user: string; pass: string };
}

export interface DelegateConfig {
  delegate: {
    /** Resource / resource group / subscription tags whose whole value, when it is one address, names the owner. */
    ownerTagNames: string[];
    /** The From address of every delegation email. */
    mailFrom: string;
    /** Absent: the outbox folder under DATA_DIR. */
    smtp?: SmtpSettings;
    /** How often owners near or past their due date are reminded and delegators get a digest (one run per period across replicas). */
    reminderIntervalMs: number;
    /** The daily digest's local time (DIGEST_TIME, HH:MM in the delegator's time zone), minutes after midnight. */
    digestMinute: number;
  };
}

/** "08:00": a time of day, 24-hour clock. */
const digestTime = optionalText.transform((v, ctx) => {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(v ?? '08:00');
  if (!match) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be a time of day as HH:MM, like 08:00 (got "${(v ?? '').slice(0, 20)}")` });
    return z.NEVER;
  }
  return Number(match[1]) * 60 + Number(match[2]);
});

const TAG_NAME = /^[^,<>%&\\?/\s][^,<>%&\\?/]{0,511}$/;

const tagNames = optionalText.transform((v, ctx) => {
  if (v === undefined) return [...DEFAULT_OWNER_TAG_NAMES];
  const names = v.split(',').map((n) => n.trim()).filter((n) => n.length > 0);
  const bad = names.find((n) => !TAG_NAME.test(n));
  if (names.length === 0 || bad !== undefined) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be tag names separated by commas (got "${v.slice(0, 40)}")` });
    return z.NEVER;
  }
  return names;
});

export const delegateFeature = defineFeature<DelegateConfig>({
  name: 'delegate',
  schema: () =>
    z
      .object({
        OWNER_TAG_NAMES: tagNames,
        SMTP_HOST: optionalText,
        SMTP_PORT: positiveInteger(587, 65535),
        SMTP_SECURE: booleanText(false),
        SMTP_FROM: optionalText,
        SMTP_USER: optionalText,
        SMTP_PASSWORD: optionalText,
        REMINDER_INTERVAL_HOURS: positiveInteger(24, 24 * 30),
        DIGEST_TIME: digestTime,
      })
      .transform((e) => ({
        delegate: {
          ownerTagNames: e.OWNER_TAG_NAMES,
          mailFrom: e.SMTP_FROM ?? DEFAULT_MAIL_FROM,
          reminderIntervalMs: e.REMINDER_INTERVAL_HOURS * 3_600_000,
          digestMinute: e.DIGEST_TIME,
          ...(e.SMTP_HOST
            ? { smtp: { host: e.SMTP_HOST, port: e.SMTP_PORT, secure: e.SMTP_SECURE, ...(e.SMTP_USER && e.SMTP_PASSWORD ? { auth: { user: e.SMTP_USER, pass: e.SMTP_PASSWORD } } : {}) } }
            : {}),
        },
      })),
  rules: (raw) => {
    const problems: string[] = [];
    if (raw('SMTP_FROM') && !isEmailAddress(raw('SMTP_FROM'))) problems.push('SMTP_FROM: must be one e-mail address, like posture-bot@example.com');
    if (raw('SMTP_HOST') && !raw('SMTP_FROM')) problems.push('SMTP_FROM: must be set when SMTP_HOST is (the address delegation emails come from)');
    if (raw('SMTP_HOST') && /[\s/]/.test(raw('SMTP_HOST'))) problems.push('SMTP_HOST: must be a host name or address, without spaces or slashes');
    if (Boolean(raw('SMTP_USER')) !== Boolean(raw('SMTP_PASSWORD'))) problems.push('SMTP_USER, SMTP_PASSWORD: set both or neither');
    return problems;
  },
});
