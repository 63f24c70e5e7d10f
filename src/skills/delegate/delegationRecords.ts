// Delegations as records (collection `delegations`, one record per delegation) in the RecordsStore port, so they
// survive restarts and every replica sees them. Every change goes through `mutate`: read, change, write with the
// read etag, and on a conflict read again and redo the change, so two actions at once never lose an update.
// Overdue is never stored: it is derived when read (stateOf).
import { AppError, isStorageConflict } from '../../errors/appError';
import type { RecordsStore, StoredRecord } from '../../storage/recordsStore';
import { allRecords } from '../../storage/recordPages';

export const DELEGATIONS = 'delegations';
const MAX_ATTEMPTS = 40;
const MAX_HISTORY = 50;

export type DelegationState =
  | 'Assigned'
  | 'Accepted'
  | 'EtaSet'
  | 'FixedPendingVerification'
  | 'Verified'
  | 'ExemptionRequested'
  | 'ExemptionApproved'
  | 'Reassigned'
  | 'Cancelled';

/** What a reader sees: the stored state, or Overdue for an open delegation past its due date. */
export type ShownState = DelegationState | 'Overdue';

export const STATE_LABELS: Record<ShownState, string> = {
  Assigned: 'Assigned',
  Accepted: 'Accepted',
  EtaSet: 'ETA set',
  FixedPendingVerification: 'Fixed – pending verification',
  Verified: 'Verified',
  ExemptionRequested: 'Exemption requested',
  ExemptionApproved: 'Exemption approved',
  Reassigned: 'Reassigned',
  Cancelled: 'Cancelled',
  Overdue: 'Overdue',
};

/** States with nothing left to do. Reassigned is open: the new owner has it, as if just assigned. */
export const CLOSED: ReadonlySet<DelegationState> = new Set(['Verified', 'ExemptionApproved', 'Cancelled']);

/** Which stored state may follow which: anything else is refused (a stale card, a second press). */
export const TRANSITIONS: Readonly<Record<DelegationState, readonly DelegationState[]>> = {
  Assigned: ['Accepted', 'EtaSet', 'FixedPendingVerification', 'Verified', 'ExemptionRequested', 'Reassigned', 'Cancelled'],
  Accepted: ['EtaSet', 'FixedPendingVerification', 'Verified', 'ExemptionRequested', 'Reassigned', 'Cancelled'],
  EtaSet: ['EtaSet', 'FixedPendingVerification', 'Verified', 'ExemptionRequested', 'Reassigned', 'Cancelled'],
  FixedPendingVerification: ['Verified', 'FixedPendingVerification', 'Reassigned', 'Cancelled'],
  ExemptionRequested: ['ExemptionApproved', 'Accepted', 'Cancelled'],
  Verified: [],
  ExemptionApproved: [],
  Reassigned: ['Accepted', 'EtaSet', 'FixedPendingVerification', 'Verified', 'ExemptionRequested', 'Reassigned', 'Cancelled'],
  Cancelled: [],
};

export interface DelegationPerson {
  id: string;
  name?: string;
  userId?: string;
}

export interface Delegation {
  id: string;
  assessmentId: string;
  recommendation: string;
  resourceName: string;
  severity: string;
  riskLevel?: string;
  owner: string;
  cc: string[];
  subject: string;
  /** End of the due day, epoch ms. */
  dueDate: number;
  gracePeriod: boolean;
  note?: string;
  delegator: DelegationPerson;
  conversationId: string;
  createdAt: number;
  state: DelegationState;
  history: Array<{ at: number; state: DelegationState; by: string; note?: string }>;
  /** Set once the email left (outbox file or SMTP): a re-run never sends it again. */
  mail?: { messageId: string; via: 'outbox' | 'smtp'; where: string; at: number };
  /** Set once the owner and due date were recorded in the posture state. */
  governanceAt?: number;
  verifiedAt?: number;
  /** What showed the fix: data loaded after the delegation, or a fix simulated in chat (demo tenant). */
  verifiedBy?: 'data' | 'simulated';
  /** The owner's Teams user, once the bot found their chat (Entra object id lower case, and the channel's user id). */
  ownerTeams?: { id: string; userId: string };
  /** Set once the owner's card was sent in Teams. */
  card?: { at: number; activityId?: string };
  /** The owner's estimate, with their justification. */
  eta?: { date: number; justification: string };
  /** The owner's request to exempt the finding instead of fixing it. */
  exemption?: { reason: string; kind: 'Mitigated' | 'RiskAccepted'; expiresAt?: number; requestedAt: number };
  /** Ticket fields (Defender's governance additionalData), when a ticket tracks the fix. */
  ticket?: { number?: string; link?: string; status?: string };
  /** When the last reminder reached the owner. */
  remindedAt?: number;
  /** Earlier owners, oldest first (Reassign). */
  formerOwners?: string[];
  /** The owner's questions, relayed to the delegator (the last few kept). */
  questions?: Array<{ at: number; by: string; text: string }>;
  /** The owner muted reminders for this delegation (the delegator's digest still lists it). */
  remindersMuted?: boolean;
}

export function stateOf(delegation: Delegation, now: number): ShownState {
  if (!CLOSED.has(delegation.state) && delegation.state !== 'FixedPendingVerification' && delegation.state !== 'ExemptionRequested' && now > delegation.dueDate) return 'Overdue';
  return delegation.state;
}

export interface DelegationRecords {
  get(id: string): Promise<Delegation | undefined>;
  /** Creates it unless one with this id exists; returns the stored one either way (a re-run finds the first). */
  createOnce(delegation: Delegation): Promise<Delegation>;
  /**
   * Applies `change` to the latest stored version and writes it with that version's etag, retrying on a conflict.
   * `change` returns undefined to leave the record as it is. NOT_FOUND when there is no such delegation.
   */
  mutate(id: string, change: (current: Delegation) => Delegation | undefined): Promise<Delegation>;
  /** Every delegation, oldest id first, read in pages. */
  all(): Promise<Delegation[]>;
}

/** Moves a delegation to `next`, with a history line; throws BAD_REQUEST when that transition is not allowed. */
export function transition(current: Delegation, next: DelegationState, by: string, at: number, note?: string): Delegation {
  if (!TRANSITIONS[current.state].includes(next)) {
    throw new AppError('BAD_REQUEST', `This delegation is ${STATE_LABELS[current.state].toLowerCase()}: it cannot become ${STATE_LABELS[next].toLowerCase()}.`);
  }
  const entry = { at, state: next, by, ...(note ? { note: note.slice(0, 500) } : {}) };
  return { ...current, state: next, history: [...current.history, entry].slice(-MAX_HISTORY) };
}

export function createDelegationRecords(records: RecordsStore): DelegationRecords {
  const read = (id: string) => records.get<Delegation>(DELEGATIONS, id);
  return {
    async get(id) {
      return (await read(id))?.value;
    },
    async createOnce(delegation) {
      try {
        return (await records.put(DELEGATIONS, delegation.id, delegation, { ifMatch: '*' })).value;
      } catch (error) {
        if (!isStorageConflict(error)) throw error;
        const existing = await read(delegation.id);
        if (!existing) throw error;
        return existing.value;
      }
    },
    async mutate(id, change) {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const current: StoredRecord<Delegation> | undefined = await read(id);
        if (!current) throw new AppError('NOT_FOUND', 'That delegation is not known.');
        const next = change(current.value);
        if (next === undefined) return current.value;
        try {
          return (await records.put(DELEGATIONS, id, next, { ifMatch: current.etag })).value;
        } catch (error) {
          if (!isStorageConflict(error)) throw error;
        }
        // Someone wrote in between: wait a little (jittered, growing) so a crowd of writers does not collide again.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 * (attempt + 1))));
      }
      throw new AppError('STORAGE_CONFLICT', 'This delegation is being changed by several people at once; try again.');
    },
    async all() {
      const out: Delegation[] = [];
      for await (const r of allRecords<Delegation>(records, DELEGATIONS, { pageSize: 1000 })) out.push(r.value);
      return out;
    },
  };
}
