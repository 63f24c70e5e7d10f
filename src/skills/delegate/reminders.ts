// Reminders and the digest, once per period (REMINDER_INTERVAL_HOURS) however many replicas run: the period lease
// (src/jobs/periodLease.ts) lets one replica do it. Owners of open delegations due within a day or overdue get
// their card again in their Teams chat with a reminder line (at most once per period each); each conversation a
// delegation started in gets a digest of its open delegations. Anyone the bot has no chat with is skipped (they
// had the email). Nothing is read from the posture data here: closure stays with the tracking rules.
import type { ContactBook } from '../../contacts/contactBook';
import type { Logger } from '../../logging/logger';
import { createPeriodLease } from '../../jobs/periodLease';
import type { RecordsStore } from '../../storage/recordsStore';
import { withoutLinks } from '../../views/portalLinks';
import { CLOSED, STATE_LABELS, stateOf, type Delegation, type DelegationRecords } from './delegationRecords';
import { delegationCard } from './ownerCard';
import type { DelegationMessenger } from './ownerActions';

const DAY_MS = 86_400_000;
/** Open states that wait for the owner (not for data or the delegator): these are reminded. */
const WAITING_FOR_OWNER = new Set(['Assigned', 'Reassigned', 'Accepted', 'EtaSet']);
const MAX_DIGEST_LINES = 10;

export interface ReminderReport {
  ran: boolean;
  reason?: 'done' | 'held';
  reminded: number;
  /** Owners due a reminder with no Teams chat known. */
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
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function reminderLine(d: Delegation, at: number): string {
  const days = Math.floor(Math.abs(at - d.dueDate) / DAY_MS);
  return at > d.dueDate ? `Reminder: this fix is overdue by ${Math.max(1, days)} day(s) (due ${day(d.dueDate)}). Set an ETA or mark it fixed.` : `Reminder: this fix is due ${day(d.dueDate)}.`;
}

function digestText(list: Delegation[], at: number): string {
  const open = list.filter((d) => !CLOSED.has(d.state));
  const count = (state: string) => open.filter((d) => stateOf(d, at) === state).length;
  const lines = open
    .sort((a, b) => a.dueDate - b.dueDate)
    .slice(0, MAX_DIGEST_LINES)
    .map((d, i) => `${i + 1}. ${STATE_LABELS[stateOf(d, at)]}: ${withoutLinks(d.recommendation)} on ${withoutLinks(d.resourceName)}, owner ${withoutLinks(d.owner)}, due ${day(d.dueDate)}`);
  const more = open.length > MAX_DIGEST_LINES ? `\n\nAnd ${open.length - MAX_DIGEST_LINES} more: ask "what have I delegated?".` : '';
  return `Delegation digest: ${open.length} open (${count('Overdue')} overdue, ${count('FixedPendingVerification')} pending verification, ${count('ExemptionRequested')} exemption requested).\n\n${lines.join('\n\n')}${more}`;
}

export function createDelegationScheduler(options: SchedulerOptions): DelegationScheduler {
  const now = options.now ?? Date.now;
  const lease = createPeriodLease(options.records, { job: 'delegate.reminders', holder: options.holder, leaseMs: Math.min(options.intervalMs, 15 * 60_000) });
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  async function work(at: number, periodStart: number): Promise<Omit<ReminderReport, 'ran' | 'reason'>> {
    const report = { reminded: 0, unreachable: 0, digests: 0, failed: 0 };
    const all = await options.delegations.all();
    for (const d of all) {
      if (!WAITING_FOR_OWNER.has(d.state) || d.dueDate - at > DAY_MS || (d.remindedAt ?? 0) >= periodStart) continue;
      const contact = d.ownerTeams ? await options.contacts.byUser(d.ownerTeams.id) : await options.contacts.byAddress(d.owner);
      if (!contact) {
        report.unreachable++;
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
    const byConversation = new Map<string, Delegation[]>();
    for (const d of all) if (!CLOSED.has(d.state)) byConversation.set(d.conversationId, [...(byConversation.get(d.conversationId) ?? []), d]);
    for (const [conversationId, list] of byConversation) {
      const reference = await options.contacts.conversation(conversationId);
      if (!reference) continue;
      try {
        await options.messenger.send(reference, { kind: 'text', text: digestText(list, at), suggestions: ['What have I delegated?', 'Which delegations are overdue?'] });
        report.digests++;
      } catch (error) {
        report.failed++;
        options.logger.warn({ err: error }, 'a delegation digest could not be sent');
      }
    }
    return report;
  }

  async function runOnce(): Promise<ReminderReport> {
    const at = now();
    const period = Math.floor(at / options.intervalMs);
    const outcome = await lease.runOnce(period, at, () => work(at, period * options.intervalMs));
    if (!outcome.ran) return { ran: false, reason: outcome.reason, reminded: 0, unreachable: 0, digests: 0, failed: 0 };
    options.logger.info({ ...outcome.result, period }, 'delegation reminders and digest sent');
    return { ran: true, ...outcome.result };
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
