// The turn's closing commit on SQLite: state and records in one transaction, so a turn costs two commits (the
// delivery mark when it starts, this one when it ends) instead of one per write; concurrent turns share them.
import { AppError, isAppError } from '../errors/appError';
import type { StoreItems } from './conversationStorage';
import type { StoredRecord } from './recordsStore';
import type { SqliteRecordAccess } from './sqliteRecordsStore';
import type { SqliteDatabase } from './sqliteDatabase';
import { isRecordUpdate, type RecordWriteOutcome, type TurnCommit, type TurnRecordWrite } from './turnCommit';

/**
 * `stageState` is the state storage's staged write (sqliteConversationStorage.ts's stageWrite): serialized when the
 * turn commits, written inside the commit's transaction.
 */
export function createSqliteTurnCommit(database: SqliteDatabase, records: SqliteRecordAccess, stageState: (changes: StoreItems) => () => () => void): TurnCommit {
  const db = database.connection;
  const { stagePut, updateNow } = records;
  type Staged = () => StoredRecord<unknown>;
  // A put is serialized when the turn commits, as the state is: the group runs it later (sqliteWriteGroup.ts). What
  // it refuses then is thrown when it runs, inside the transaction, as before.
  const staged = (write: TurnRecordWrite): Staged => {
    // Read and written by one statement inside the transaction: no other write can come in between.
    if (isRecordUpdate(write)) return () => updateNow(write.collection, write.id, write.update);
    try {
      return stagePut(write.collection, write.id, write.value, write.ifMatch === undefined ? {} : { ifMatch: write.ifMatch });
    } catch (error) {
      return () => {
        throw error;
      };
    }
  };
  const outcomeOf = (write: Staged): RecordWriteOutcome => {
    try {
      return { ok: true, record: write() };
    } catch (error) {
      // A record's conflict or refusal changed nothing (the statement matched no row, or never ran): keep going.
      if (isAppError(error) && (error.code === 'STORAGE_CONFLICT' || error.code === 'BAD_REQUEST' || error.code === 'STORAGE_FAILURE') && db.inTransaction) {
        return { ok: false, error };
      }
      throw error;
    }
  };
  const all = db.transaction((state: (() => () => void) | undefined, writes: readonly Staged[]): [RecordWriteOutcome[], (() => void) | undefined] => {
    // A state conflict throws here and rolls the whole transaction back: nothing of the turn is written.
    const stateCommitted = state?.();
    // Grown by push, not made by `map`: the array has one elements kind whether this runs optimised or not (V8's `map`
    // gives packed elements in the interpreter, holey ones once its caller is optimised), so the turn's writes
    // (turnWrites.ts), which read it, are not deoptimised by the change when this function is first optimised.
    const outcomes: RecordWriteOutcome[] = [];
    for (const write of writes) outcomes.push(outcomeOf(write));
    return [outcomes, stateCommitted];
  });
  return {
    async commit(state, writes) {
      if (!db.open) throw new AppError('STORAGE_FAILURE', undefined, { details: { operation: 'commit', reason: 'store closed' } });
      // With the other turns' writes of this event-loop iteration (sqliteWriteGroup.ts): `all` is then a savepoint
      // of the group's transaction, and a state conflict rolls back only this turn's part.
      const stateWrite = state && Object.keys(state).length > 0 ? stageState(state) : undefined;
      const puts: Staged[] = [];
      for (const write of writes) puts.push(staged(write));
      const [outcomes, stateCommitted] = await database.writes.join(() => all(stateWrite, puts));
      stateCommitted?.();
      return outcomes;
    },
  };
}
