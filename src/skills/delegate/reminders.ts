// Reminders, once per period (REMINDER_INTERVAL_HOURS) however many replicas run: the period lease
// (src/jobs/periodLease.ts) lets one replica do it. Owners of open delegations due within a day or overdue get
// their card again in their Teams chat with a reminder line, or, when the bot has no chat with them, an email
// through the mailer port (Message-ID per delegation and period): at most once per period each.
// The digest: once a day at DIGEST_TIME in the delegator's time zone (kept with the conversation the delegations
// started in), each such conversation gets a digest of its open delegations; a create-only record per
// conversation and local date makes it once per day across replicas. Nothing is read from the posture data here:
// closure stays with the tracking rules.
import type { ContactBook } from '../../contacts/contactBook';
import type { Logger } from '../../logging/logger';
import { createPeriodLease } from '../../jobs/periodLease';
import { isStorageConflict } from '../../errors/appError';
import type { Mailer } from '../../mail/mailMessage';
import type { RecordsStore } from '../../storage/recordsStore';
import { withoutLinks } from '../../views/portalLinks';
import { CLOSED, STATE_LABELS, stateOf, type Delegation, type DelegationRecords } from './delegationRecords';
import { delegationCard } from './ownerCard';
import type { DelegationMessenger } from './ownerActions';
import { mailOwner } from './ownerReach';
import { displayDate } from '../../views/postureLabels';
import { formatLocalDate, localDateTimeOf, safeTimeZone } from '../../posture/history/calendar';

/** One record per conversation and local date a digest went to (create-only: one replica wins). */
export const DIGESTS_COLLECTION = 'delegationDigests';

const DAY_MS = 86_400_000;
/** Open states that wait for the owner (not for data or the delegator): these are reminded. */
const WAITING_FOR_OWNER = new Set(['Assigned', 'Reassigned', 'Accepted', 'EtaSet']);
const MAX_DIGEST_LINES = 10;

export interface ReminderReport {
  ran: boolean;
  reason?: 'done' | 'held';
  reminded: number;
  /** Owners due a reminder with no Teams chat known, reached by email instead. */
  emailed: number;
  /** Owners due a reminder with no Teams chat known and no mail (or the mail failed). */
  unreachable: number;
  digests: number;
  failed: number;
}

export interface DelegationScheduler {
  runOnce(): Promise<ReminderReport>;
  start(): void;
  stop(): Promise<void>;
}

export interface SchedulerOptions {
  records: RecordsStore;
  delegations: DelegationRecords;
  contacts: ContactBook;
  messenger: DelegationMessenger;
  intervalMs: number;
  /** This replica's name in the lease. */
  holder: string;
  logger: Logger;
  now?: () => number;
  /** How often the timer looks whether a new period began (default: a minute, at most the interval). */
  checkMs?: number;
  /** Reminders by email to owners without a Teams chat; absent: they are only counted unreachable. */
  mail?: { mailer: Mailer; from: string };
  /** The digest's local time of day, minutes after midnight (DIGEST_TIME; default 08:00). */
  digestMinute?: number;
}

/**
 * The local date (YYYY-MM-DD) and minute of the day at `at` in `timeZone` (UTC when the zone is unknown), read from
 * the calendar's kept formatter per zone (building one per call costs some 60 µs).
 */
export function localTime(at: number, timeZone: string | undefined): { date: string; minute: number } {
  const local = localDateTimeOf(at, safeTimeZone(timeZone));
  return { date: formatLocalDate(local), minute: local.hour * 60 + local.minute };
}

function reminderLine(d: Delegation, at: number): string {
  const days = Math.floor(Math.abs(at - d.dueDate) / DAY_MS);
  return at > d.dueDate ? `Reminder: this fix is overdue by ${Math.max(1, days)} day(s) (due ${displayDate(d.dueDate)}). Set an ETA or mark it fixed.` : `Reminder: this fix is due ${displayDate(d.dueDate)}.`;
}

function digestText(list: Delegation[], at: number): string {
  const open = list.filter((d) => !CLOSED.has(d.state));
  const count = (state: string) => open.filter((d) => stateOf(d, at) === state).length;
  const lines = open
    .sort((a, b) => a.dueDate - b.dueDate)
    .slice(0, MAX_DIGEST_LINES)
    .map((d, i) => `${i + 1}. ${STATE_LABELS[stateOf(d, at)]}: ${withoutLinks(d.recommendation)} on ${withoutLinks(d.resourceName)}, owner ${withoutLinks(d.owner)}, due ${displayDate(d.dueDate)}`);
  const more = open.length > MAX_DIGEST_LINES ? `\n\nAnd ${open.length - MAX_DIGEST_LINES} more: ask "what have I delegated?".` : '';
  return `Delegation digest: ${open.length} open (${count('Overdue')} overdue, ${count('FixedPendingVerification')} pending verification, ${count('ExemptionRequested')} exemption requested).\n\n${lines.join('\n\n')}${more}`;
}

export function createDelegationScheduler(options: SchedulerOptions): DelegationScheduler {
  const now = options.now ?? Date.now;
  const lease = createPeriodLease(options.records, { job: 'delegate.reminders', holder: options.holder, leaseMs: Math.min(options.intervalMs, 15 * 60_000) });
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  const digestMinute = options.digestMinute ?? 8 * 60;

  /** Each conversation whose local digest time has come today gets its digest once (a create-only claim). */
  async function digests(at: number, all: Delegation[]): Promise<{ digests: number; failed: number }> {
    const out = { digests: 0, failed: 0 };
    const byConversation = new Map<string, Delegation[]>();
    for (const d of all) if (!CLOSED.has(d.state)) byConversation.set(d.conversationId, [...(byConversation.get(d.conversationId) ?? []), d]);
    for (const [conversationId, list] of byConversation) {
      const local = localTime(at, await options.contacts.conversationTimeZone(conversationId));
      if (local.minute < digestMinute) continue;
      const reference = await options.contacts.conversation(conversationId);
      if (!reference) continue;
      try {
        await options.records.put(DIGESTS_COLLECTION, `${conversationId}|${local.date}`, { at }, { ifMatch: '*' });
      } catch (error) {
        if (isStorageConflict(error)) continue;
        throw error;
      }
      try {
        await options.messenger.send(reference, { kind: 'text', text: digestText(list, at), suggestions: ['What have I delegated?', 'Which delegations are overdue?'] });
        out.digests++;
      } catch (error) {
        out.failed++;
        options.logger.warn({ err: error }, 'a delegation digest could not be sent');
      }
    }
    return out;
  }

  async function work(at: number, periodStart: number): Promise<{ reminded: number; emailed: number; unreachable: number; failed: number }> {
    const report = { reminded: 0, emailed: 0, unreachable: 0, failed: 0 };
    const all = await options.delegations.all();
    for (const d of all) {
      if (!WAITING_FOR_OWNER.has(d.state) || d.remindersMuted || d.dueDate - at > DAY_MS || (d.remindedAt ?? 0) >= periodStart) continue;
      const contact = d.ownerTeams ? await options.contacts.byUser(d.ownerTeams.id) : await options.contacts.byAddress(d.owner);
      if (!contact) {
        if (!options.mail) {
          report.unreachable++;
          continue;
        }
        try {
          // One Message-ID per delegation and period: a re-run of the period never sends a second one.
          await mailOwner(options.mail, d, `p${Math.floor(periodStart / options.intervalMs)}`, at > d.dueDate ? 'Overdue fix' : 'Fix due soon', reminderLine(d, at).replace('Set an ETA or mark it fixed.', 'Please fix it, or tell the sender when it will be fixed.'));
          await options.delegations.mutate(d.id, (current) => ((current.remindedAt ?? 0) >= periodStart ? undefined : { ...current, remindedAt: at }));
          report.emailed++;
        } catch (error) {
          report.unreachable++;
          options.logger.warn({ err: error, delegation: d.id }, 'a delegation reminder email could not be sent');
        }
        continue;
      }
      try {
        await options.messenger.send(contact.reference, delegationCard(d, 'owner', at, { text: reminderLine(d, at), color: at > d.dueDate ? 'Attention' : 'Warning' }));
        await options.delegations.mutate(d.id, (current) => ((current.remindedAt ?? 0) >= periodStart ? undefined : { ...current, remindedAt: at }));
        report.reminded++;
      } catch (error) {
        report.failed++;
        options.logger.warn({ err: error, delegation: d.id }, 'a delegation reminder could not be sent');
      }
    }
    return report;
  }

  async function runOnce(): Promise<ReminderReport> {
    const at = now();
    const period = Math.floor(at / options.intervalMs);
    const outcome = await lease.runOnce(period, at, () => work(at, period * options.intervalMs));
    const daily = await digests(at, await options.delegations.all());
    if (daily.digests > 0) options.logger.info({ digests: daily.digests }, 'delegation digests sent');
    if (!outcome.ran) return { ran: false, reason: outcome.reason, reminded: 0, emailed: 0, unreachable: 0, digests: daily.digests, failed: daily.failed };
    options.logger.info({ ...outcome.result, period }, 'delegation reminders sent');
    return { ran: true, ...outcome.result, digests: daily.digests, failed: outcome.result.failed + daily.failed };
  }

  return {
    runOnce,
    start() {
      if (timer) return;
      const tick = () => {
        running = running.then(runOnce).catch((error: unknown) => options.logger.error({ err: error }, 'delegation reminders failed'));
      };
      timer = setInterval(tick, options.checkMs ?? Math.min(60_000, options.intervalMs));
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
