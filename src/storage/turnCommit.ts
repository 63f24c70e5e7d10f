// The turn's closing commit: the conversation state a turn saves, together with the records it wrote on the way
// (reply records, the delivery's done mark), in one commit where the backend can (SQLite: one transaction), one
// after another where it cannot (Azure: state first, then each record, as separate calls would).
// The state keeps botbuilder's eTag rules: a conflict rejects and writes nothing, so the caller can rebase and retry
// with the same records. A record's own conflict (ifMatch) is that record's outcome, not the commit's.
import type { ConversationStorage, StoreItems } from './conversationStorage';
import type { RecordsStore, StoredRecord } from './recordsStore';

export interface RecordWrite {
  collection: string;
  id: string;
  value: unknown;
  /** As RecordsStore.put: omitted writes unconditionally, '*' creates only, an etag updates only that version. */
  ifMatch?: string;
}

export type RecordWriteOutcome = { ok: true; record: StoredRecord } | { ok: false; error: unknown };

export interface TurnCommit {
  /** Writes `state` (if any) and then `writes`; one outcome per write, in order. */
  commit(state: StoreItems | undefined, writes: readonly RecordWrite[]): Promise<RecordWriteOutcome[]>;
}

/** For backends without a shared transaction: the same calls the turn would have made, state first. */
export function createSequentialTurnCommit(records: RecordsStore, conversations: ConversationStorage): TurnCommit {
  return {
    async commit(state, writes) {
      if (state && Object.keys(state).length > 0) await conversations.write(state);
      const outcomes: RecordWriteOutcome[] = [];
      for (const write of writes) {
        try {
          outcomes.push({ ok: true, record: await records.put(write.collection, write.id, write.value, write.ifMatch === undefined ? {} : { ifMatch: write.ifMatch }) });
        } catch (error) {
          outcomes.push({ ok: false, error });
        }
      }
      return outcomes;
    },
  };
}
