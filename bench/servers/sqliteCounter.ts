// Counts the SQLite statements a server runs, for the probe preload: every statement (reads included), the writes
// among them, and the commits they cost (a write outside a transaction commits on its own; a transaction commits
// once). better-sqlite3 is patched when the server first loads it, so a process that never does pays nothing.
import Module from 'node:module';

export interface SqliteCounts {
  statements: number;
  writes: number;
  commits: number;
}

interface StatementLike {
  reader: boolean;
  source: string;
  database: { inTransaction: boolean };
}

const CONTROL = /^\s*(BEGIN|SAVEPOINT|RELEASE|ROLLBACK)\b/i;
const COMMIT = /^\s*(COMMIT|END)\b/i;

/** Patches the statement prototype of a loaded better-sqlite3 so every run/get/all/iterate is counted. */
export function patchStatements(betterSqlite: new (file: string) => { prepare(sql: string): object; close(): void }, counts: SqliteCounts): void {
  const scratch = new betterSqlite(':memory:');
  const proto = Object.getPrototypeOf(scratch.prepare('SELECT 1')) as Record<string, (...args: unknown[]) => unknown>;
  scratch.close();
  for (const method of ['get', 'all', 'iterate'] as const) {
    const original = proto[method]!;
    proto[method] = function counted(this: StatementLike, ...args: unknown[]) {
      counts.statements++;
      return original.apply(this, args);
    };
  }
  const run = proto.run!;
  proto.run = function counted(this: StatementLike, ...args: unknown[]) {
    const inside = this.database.inTransaction;
    const result = run.apply(this, args);
    if (COMMIT.test(this.source)) counts.commits++;
    else if (!CONTROL.test(this.source)) {
      counts.statements++;
      if (!this.reader) {
        counts.writes++;
        if (!inside) counts.commits++;
      }
    }
    return result;
  };
}

/** Starts counting; the returned object is live (read it, or zero its fields to reset). */
export function countSqliteStatements(): SqliteCounts {
  const counts: SqliteCounts = { statements: 0, writes: 0, commits: 0 };
  const loader = Module as unknown as { _load(request: string, ...rest: unknown[]): unknown };
  const load = loader._load;
  let patched = false;
  loader._load = function patchedLoad(request: string, ...rest: unknown[]) {
    const exported = load.call(this, request, ...rest);
    if (!patched && request === 'better-sqlite3') {
      patched = true;
      patchStatements(exported as Parameters<typeof patchStatements>[0], counts);
    }
    return exported;
  };
  return counts;
}
