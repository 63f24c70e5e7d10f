// Copies an existing SQLite DATA_DIR (records and conversation state) into another records store, Azure Table
// storage in practice (npm run storage:migrate). Idempotent: a record already in the target with the same value is
// counted, not written again; one with another value is kept as the target has it (the bot on the target may have
// changed it) and counted as differing. Resumable: after every page a checkpoint in the target names the last id
// copied, and a run picks up after it. Leases (job-leases) are not copied: they belong to the old process.
import { isDeepStrictEqual } from 'node:util';
import { isStorageConflict } from '../errors/appError';
import { JOB_LEASES_COLLECTION } from '../jobs/jobLease';
import { CONVERSATION_STATE_COLLECTION, conversationStateId } from './recordsConversationStorage';
import type { RecordsStore } from './recordsStore';
import type { SqliteDatabase } from './sqliteDatabase';
import { createSqliteRecordsStore } from './sqliteRecordsStore';
import { isLoggedShownRefs, SHOWN_REFS_FIELD } from './shownRefLog';
import { createSqliteShownRefs, SHOWN_REFS_COLLECTION } from './sqliteShownRefs';

export const MIGRATION_COLLECTION = 'storage-migration';
/** The target keeps shown refs in the state itself (no log there): they are copied into it, not as records. */
const SKIPPED = new Set([JOB_LEASES_COLLECTION, MIGRATION_COLLECTION, SHOWN_REFS_COLLECTION]);
/** As src/actions/contracts/shownRefs.ts keeps them in state (MAX_SHOWN_REFS). */
const SHOWN_REFS_KEPT = 300;

export interface MigrationCounts {
  /** The source's collection, or 'conversation state'. */
  part: string;
  copied: number;
  alreadyThere: number;
  /** In the target with another value: kept as the target has it. */
  differing: number;
}

interface Checkpoint extends Omit<MigrationCounts, 'part'> {
  after?: string;
  done: boolean;
}

export interface MigrateOptions {
  pageSize?: number;
  /** Ignore the checkpoints and compare every record again (the source changed after an earlier run). */
  fromStart?: boolean;
  /** Called after each part with its counts so far (the CLI prints them). */
  onPart?: (counts: MigrationCounts) => void;
}

export async function migrateSqliteToRecords(database: SqliteDatabase, target: RecordsStore, options: MigrateOptions = {}): Promise<MigrationCounts[]> {
  const pageSize = options.pageSize ?? 200;
  const source = createSqliteRecordsStore(database);
  const collections = (database.connection.prepare('SELECT DISTINCT collection FROM records ORDER BY collection').all() as Array<{ collection: string }>)
    .map((row) => row.collection)
    .filter((collection) => !SKIPPED.has(collection));
  const stateKeys = database.connection.prepare<[string, number], { key: string; value: string }>('SELECT key, value FROM conversation_items WHERE key > ? ORDER BY key LIMIT ?');
  const firstStateKeys = database.connection.prepare<[number], { key: string; value: string }>('SELECT key, value FROM conversation_items ORDER BY key LIMIT ?');

  /** Copies one page's records; returns the counts it adds. */
  const copy = async (collection: string, items: Array<{ id: string; value: unknown }>, counts: Checkpoint) => {
    for (const { id, value } of items) {
      const existing = await target.get(collection, id);
      if (existing) {
        if (isDeepStrictEqual(existing.value, value)) counts.alreadyThere++;
        else counts.differing++;
        continue;
      }
      try {
        await target.put(collection, id, value, { ifMatch: '*' });
        counts.copied++;
      } catch (error) {
        if (!isStorageConflict(error)) throw error;
        counts.alreadyThere++; // created meanwhile (another run, or the bot on the target)
      }
    }
  };

  const runPart = async (part: string, collection: string, page: (after: string | undefined) => Array<{ id: string; value: unknown }> | Promise<Array<{ id: string; value: unknown }>>) => {
    const saved = options.fromStart ? undefined : await target.get<Checkpoint>(MIGRATION_COLLECTION, part);
    const counts: Checkpoint = saved ? { ...saved.value } : { copied: 0, alreadyThere: 0, differing: 0, done: false };
    if (options.fromStart) Object.assign(counts, { copied: 0, alreadyThere: 0, differing: 0, done: false, after: undefined });
    while (!counts.done) {
      const items = await page(counts.after);
      await copy(collection, items, counts);
      if (items.length < pageSize) counts.done = true;
      if (items.length > 0) counts.after = items[items.length - 1]?.id;
      const { after, ...rest } = counts;
      await target.put(MIGRATION_COLLECTION, part, after === undefined ? rest : { ...rest, after });
    }
    const result = { part, copied: counts.copied, alreadyThere: counts.alreadyThere, differing: counts.differing };
    options.onPart?.(result);
    return result;
  };

  const results: MigrationCounts[] = [];
  for (const collection of collections) {
    results.push(
      await runPart(`records:${collection}`, collection, async (after) =>
        (await source.list(collection, { limit: pageSize, ...(after === undefined ? {} : { startAfter: after }) })).map((record) => ({ id: record.id, value: record.value })),
      ),
    );
  }
  // Conversation state: SQLite keys are botbuilder's keys (the empty key included); the target keeps them as the
  // records conversation storage does.
  const shown = createSqliteShownRefs(database);
  const stateRows = (after: string | undefined) => {
    const rows = after === undefined ? firstStateKeys.all(pageSize) : stateKeys.all(after.slice(1), pageSize);
    return rows.map((row) => {
      const value = JSON.parse(row.value) as Record<string, unknown>;
      // Refs kept beside the state (sqliteShownRefs.ts) go back into it, in the shape a state without a log holds.
      if (isLoggedShownRefs(value[SHOWN_REFS_FIELD])) value[SHOWN_REFS_FIELD] = shown.pairsOf(row.key, SHOWN_REFS_KEPT);
      return { id: conversationStateId(row.key), value: value as unknown };
    });
  };
  results.push(await runPart('conversation state', CONVERSATION_STATE_COLLECTION, stateRows));
  return results;
}
