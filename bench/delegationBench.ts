// `npm run bench:delegations`: 10,000 delegations written to the real SQLite records store (one createOnce each,
// as Send does), read back in pages (as "what have I delegated?" does), one state change each on 1,000 of them
// (mutate with its etag check), and one overdue scan over all of them (what a reminder pass reads). Prints ms per
// phase, then one real reminder pass (the scheduler's runOnce: lease, every delegation read, a reminder card built and
// "sent" to a fake messenger for each due one, remindedAt written, digests). Options: --count N (default 10000).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSilentLogger } from '../src/logging/logger';
import { createDelegationRecords, stateOf, transition, type Delegation } from '../src/skills/delegate/delegationRecords';
import { createSqliteDatabase } from '../src/storage/sqliteDatabase';
import { createSqliteRecordsStore } from '../src/storage/sqliteRecordsStore';
import { createContactBook } from '../src/contacts/contactBook';
import { createDelegationScheduler } from '../src/skills/delegate/reminders';

const DAY = 86_400_000;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a positive whole number`);
  return v;
}

async function main(): Promise<void> {
  const count = arg('count', 10_000);
  const dir = mkdtempSync(join(tmpdir(), 'posture-bot-delegation-bench-'));
  const database = createSqliteDatabase(dir, { logger: createSilentLogger() });
  try {
    const store = createSqliteRecordsStore(database);
    const records = createDelegationRecords(store);
    const now = Date.now();
    const time = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
      const start = process.hrtime.bigint();
      const result = await work();
      return [result, Number(process.hrtime.bigint() - start) / 1e6];
    };
    const [, writeMs] = await time(async () => {
      for (let i = 0; i < count; i++) {
        const d: Delegation = {
          id: `d_bench${String(i).padStart(6, '0')}`, assessmentId: `/subscriptions/s/resourcegroups/rg/providers/microsoft.storage/storageaccounts/st${i}/providers/microsoft.security/assessments/k`,
          recommendation: 'Storage accounts should restrict network access', resourceName: `st${i}`, severity: 'High', owner: `owner${i % 50}@contoso.example`, cc: [],
          subject: `Please fix st${i}`, dueDate: now + ((i % 30) - 10) * DAY, gracePeriod: false, delegator: { id: `soc${i % 5}` }, conversationId: 'c', createdAt: now - 20 * DAY,
          state: 'Assigned', history: [{ at: now, state: 'Assigned', by: 'bench' }],
        };
        await records.createOnce(d);
      }
    });
    const [all, readMs] = await time(() => records.all());
    const [, mutateMs] = await time(async () => {
      for (let i = 0; i < Math.min(1000, count); i++) await records.mutate(`d_bench${String(i).padStart(6, '0')}`, (d) => transition(d, 'Accepted', 'bench', now));
    });
    const [overdue, scanMs] = await time(async () => (await records.all()).filter((d) => stateOf(d, now) === 'Overdue').length);
    const contacts = createContactBook(store);
    for (let o = 0; o < 50; o++) await contacts.save({ aadObjectId: `o${o}`, userId: `29:o${o}`, addresses: [`owner${o}@contoso.example`], reference: { conversation: { id: `a:o${o}` } }, updatedAt: now });
    await contacts.saveConversation('c', { conversation: { id: 'c' } });
    let sends = 0;
    const scheduler = createDelegationScheduler({ records: store, delegations: records, contacts, messenger: { send: async () => (sends++, {}) }, intervalMs: DAY, holder: 'bench', logger: createSilentLogger(), now: () => now });
    const [pass, passMs] = await time(() => scheduler.runOnce());
    const line = (label: string, ms: number, per?: number) => `${label.padEnd(44)} ${ms.toFixed(0).padStart(7)} ms${per ? `  (${(ms / per).toFixed(3)} ms each)` : ''}`;
    process.stdout.write(
      [
        `delegations: ${count} on SQLite (${dir})`,
        line(`write ${count} (createOnce)`, writeMs, count),
        line(`read all ${all.length} (pages of 1000)`, readMs),
        line(`change state of ${Math.min(1000, count)} (mutate, etag)`, mutateMs, Math.min(1000, count)),
        line(`overdue scan over all (${overdue} overdue)`, scanMs),
        line(`reminder pass (${pass.reminded} reminded, ${pass.digests} digest, ${sends} sends)`, passMs),
        '',
      ].join('\n'),
    );
  } finally {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
