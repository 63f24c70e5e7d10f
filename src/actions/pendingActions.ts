// Pending (confirmable) side effects, kept durably in the records store so a restart between asking and confirming
// changes nothing. State moves by eTag compare-and-swap only, so a double click, a duplicate delivery or two
// replicas racing claim a confirmation exactly once.
import { createHash, randomBytes } from 'node:crypto';
import { AppError, isStorageConflict } from '../errors/appError';
import type { RecordsStore, StoredRecord } from '../storage/recordsStore';
import type { StoredVersion } from '../storage/storedShape';

export const PENDING_ACTIONS_COLLECTION = 'pending-actions';
/** The shape version pending actions are written in (src/storage/storedShape.ts: records without one are version 1). */
export const PENDING_SHAPE_VERSION = 1;

export type PendingState = 'pending' | 'running' | 'done' | 'failed' | 'cancelled' | 'superseded';

export interface Person {
  /** Entra object id when Teams gives one; otherwise the channel's user id, prefixed `channel:`. */
  id: string;
  name?: string;
  /** The channel's id for this user (Teams `29:…`), used to address card refreshes to them alone. */
  userId?: string;
}

export interface PendingAction extends StoredVersion {
  ref: string;
  conversationId: string;
  action: string;
  /** The action's validated parameters, as planned. */
  parameters: unknown;
  /** Exactly what will change (validated by the action's effect schema); the only input of the effect. */
  effect: unknown;
  /** What the change is about (an assessment id, a record id): a newer proposal for the same target supersedes. */
  target: string;
  /** sha256 of the effect as shown on the card. */
  digest: string;
  requester: Person;
  createdAt: number;
  expiresAt: number;
  state: PendingState;
  confirmedBy?: Person;
  confirmedAt?: number;
  /** Digest of the effect actually run (the card's inputs may have changed it). */
  runDigest?: string;
  finishedAt?: number;
  outcome?: string;
  error?: string;
}

export interface PendingActionStore {
  create(input: Omit<PendingAction, 'ref' | 'state' | 'digest'>): Promise<PendingAction>;
  get(conversationId: string, ref: string): Promise<StoredRecord<PendingAction> | undefined>;
  /**
   * For press-confirmed actions: a create-only record keyed by the change itself (action, effect, presser), so the
   * same press twice claims once. `claimed` is false when it existed already.
   */
  claimPress(input: Omit<PendingAction, 'ref' | 'state' | 'digest'>): Promise<{ claimed: boolean; record: StoredRecord<PendingAction> }>;
  /** Compare-and-swap on the record's eTag; returns undefined when someone else wrote first. */
  update(record: StoredRecord<PendingAction>, next: PendingAction): Promise<StoredRecord<PendingAction> | undefined>;
}

/** Canonical JSON (object keys sorted) so equal effects always digest equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function effectDigest(action: string, effect: unknown): string {
  return createHash('sha256').update(canonicalJson({ action, effect })).digest('hex');
}

/** Conversation ids are long and arbitrary: a hash keeps record ids short and listable by prefix. */
const conversationKey = (conversationId: string) => createHash('sha256').update(conversationId).digest('hex').slice(0, 24);
const recordId = (conversationId: string, ref: string) => `${conversationKey(conversationId)}:${ref}`;

export function createPendingActionStore(records: RecordsStore): PendingActionStore {
  async function supersedeOlder(created: PendingAction): Promise<void> {
    const older = await records.list<PendingAction>(PENDING_ACTIONS_COLLECTION, { prefix: `${conversationKey(created.conversationId)}:` });
    for (const record of older) {
      const value = record.value;
      if (value.ref === created.ref || value.state !== 'pending') continue;
      if (value.action !== created.action || value.target !== created.target || value.requester.id !== created.requester.id) continue;
      // Losing this race only means someone confirmed or cancelled it first: nothing to supersede.
      await tryUpdate(record, { ...value, state: 'superseded' });
    }
  }

  async function tryUpdate(record: StoredRecord<PendingAction>, next: PendingAction): Promise<StoredRecord<PendingAction> | undefined> {
    try {
      return await records.put(PENDING_ACTIONS_COLLECTION, record.id, next, { ifMatch: record.etag });
    } catch (error) {
      if (isStorageConflict(error)) return undefined;
      throw error;
    }
  }

  return {
    async create(input) {
      const ref = randomBytes(12).toString('base64url');
      const pending: PendingAction = { ...input, ref, state: 'pending', digest: effectDigest(input.action, input.effect), schemaVersion: PENDING_SHAPE_VERSION };
      await records.put(PENDING_ACTIONS_COLLECTION, recordId(input.conversationId, ref), pending, { ifMatch: '*' });
      await supersedeOlder(pending);
      return pending;
    },
    async claimPress(input) {
      const digest = effectDigest(input.action, input.effect);
      // The ref is derived, not random: the same change pressed again by the same person maps to the same record.
      const ref = `p${createHash('sha256').update(`${digest}|${input.requester.id}`).digest('base64url').slice(0, 31)}`;
      const pending: PendingAction = { ...input, ref, state: 'pending', digest, schemaVersion: PENDING_SHAPE_VERSION };
      const id = recordId(input.conversationId, ref);
      try {
        return { claimed: true, record: await records.put(PENDING_ACTIONS_COLLECTION, id, pending, { ifMatch: '*' }) };
      } catch (error) {
        if (!isStorageConflict(error)) throw error;
        const existing = await records.get<PendingAction>(PENDING_ACTIONS_COLLECTION, id);
        if (!existing) throw error;
        // A press whose earlier run failed may be retried: hand the failed record back as claimable.
        if (existing.value.state === 'failed') return { claimed: true, record: existing };
        return { claimed: false, record: existing };
      }
    },
    async get(conversationId, ref) {
      const record = await records.get<PendingAction>(PENDING_ACTIONS_COLLECTION, recordId(conversationId, ref));
      if (record && record.value.conversationId !== conversationId) {
        throw new AppError('INVALID_ACTION', "That button's data is not valid.", { details: { reason: 'pending action of another conversation' } });
      }
      return record;
    },
    update: tryUpdate,
  };
}
