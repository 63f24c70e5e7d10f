// The turn's closing commit: the conversation state a turn saves, together with the records it wrote on the way
// (reply records, the delivery's done mark), in one commit where the backend can (SQLite: one transaction), one
// after another where it cannot (Azure: state first, then each record, as separate calls would).
// The state keeps botbuilder's eTag rules: a conflict rejects and writes nothing, so the caller can rebase and retry
// with the same records. A record's own conflict (ifMatch) is that record's outcome, not the commit's.
import { isStorageConflict } from '../errors/appError';
import type { ConversationStorage, StoreItems } from './conversationStorage';
import type { RecordsStore, StoredRecord } from './recordsStore';

export interface RecordWrite {
  collection: string;
  id: string;
  value: unknown;
  /** As RecordsStore.put: omitted writes unconditionally, '*' creates only, an etag updates only that version. */
  ifMatch?: string;
}

/**
 * A record computed from its current value inside the commit (a counter's increment): on SQLite read and written
 * in the transaction; elsewhere read, then written only if unchanged since, and read again when it was not.
 */
export interface RecordUpdate<T = unknown> {
  collection: string;
  id: string;
  /** The record's next value from its current one (undefined: there is none yet). May run more than once. */
  update(current: T | undefined): T;
}

export type TurnRecordWrite = RecordWrite | RecordUpdate;

export const isRecordUpdate = (write: TurnRecordWrite): write is RecordUpdate => 'update' in write;

export type RecordWriteOutcome = { ok: true; record: StoredRecord } | { ok: false; error: unknown };

export interface TurnCommit {
  /** Writes `state` (if any) and then `writes`; one outcome per write, in order. */
  commit(state: StoreItems | undefined, writes: readonly TurnRecordWrite[]): Promise<RecordWriteOutcome[]>;
}

/** For backends without a shared transaction: the same calls the turn would have made, state first. */
export function createSequentialTurnCommit(records: RecordsStore, conversations: ConversationStorage): TurnCommit {
  return {
    async commit(state, writes) {
      if (state && Object.keys(state).length > 0) await conversations.write(state);
      const outcomes: RecordWriteOutcome[] = [];
      for (const write of writes) {
        try {
          if (isRecordUpdate(write)) {
            outcomes.push({ ok: true, record: await updateRecord(records, write) });
            continue;
          }
          outcomes.push({ ok: true, record: await records.put(write.collection, write.id, write.value, write.ifMatch === undefined ? {} : { ifMatch: write.ifMatch }) });
        } catch (error) {
          outcomes.push({ ok: false, error });
        }
      }
      return outcomes;
    },
  };
}

const UPDATE_ATTEMPTS = 200;

/** Read, compute, write if still that version; another writer in between means read again (eTag retry). */
export async function updateRecord<T>(records: RecordsStore, write: RecordUpdate<T>): Promise<StoredRecord<T>> {
  for (let attempt = 1; ; attempt += 1) {
    const current = await records.get<T>(write.collection, write.id);
    try {
      return await records.put(write.collection, write.id, write.update(current?.value), { ifMatch: current?.etag ?? '*' });
    } catch (error) {
      if (!isStorageConflict(error) || attempt >= UPDATE_ATTEMPTS) throw error;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
