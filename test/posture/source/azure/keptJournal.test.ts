// The kept copy as a base plus a journal of refresh segments: merging segments gives the rows the refreshes served
// (replaced types, rows by id, deleted resources, subscriptions no longer seen), and the journal survives a crash in
// the middle of an append (the torn line is ignored, cut off at the next append, and nothing before it is lost).
import { appendFileSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { mergeSegments, type ChangeSegment } from '../../../../src/posture/source/azure/changeSegments';
import { createLastGoodStore, keptRows } from '../../../../src/posture/source/azure/lastGood';
import { createTempDataDir, type TempDataDir } from '../../../support/tempDataDir';

const SUB_A = 'aaaaaaaa-0000-4000-8000-000000000001';
const SUB_B = 'aaaaaaaa-0000-4000-8000-000000000002';
const vm = (sub: string, n: number) => `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-${n}`;
const assessment = (sub: string, n: number, status = 'Unhealthy') => ({ id: `${vm(sub, n)}/providers/Microsoft.Security/assessments/k1`, type: 'microsoft.security/assessments', subscriptionId: sub, status });
const governance = (sub: string, n: number, owner: string) => ({ id: `${vm(sub, n)}/providers/Microsoft.Security/assessments/k1/governanceAssignments/g`, type: 'microsoft.security/assessments/governanceassignments', owner });
const subscription = (sub: string) => ({ id: `/subscriptions/${sub}`, type: 'microsoft.resources/subscriptions', subscriptionId: sub });

async function* fromArray(rows: readonly unknown[]): AsyncGenerator<unknown> {
  yield* rows;
}
const collect = async (rows: AsyncIterable<unknown>): Promise<unknown[]> => {
  const out: unknown[] = [];
  for await (const row of rows) out.push(row);
  return out;
};
const segment = (at: number, overrides: Partial<ChangeSegment>): ChangeSegment => ({
  at,
  replacedTypes: ['microsoft.resources/subscriptions'],
  deleted: [],
  subscriptions: [SUB_A.toLowerCase(), SUB_B.toLowerCase()],
  rows: [subscription(SUB_A), subscription(SUB_B)],
  ...overrides,
});

const BASE = [subscription(SUB_A), subscription(SUB_B), assessment(SUB_A, 1), assessment(SUB_A, 2), assessment(SUB_B, 3), governance(SUB_A, 1, 'alice')];
const byId = (rows: unknown[]) => Object.fromEntries(rows.map((row) => [(row as { id: string }).id, row]));

describe('merging refresh segments over the base rows', () => {
  it('replaces rows by id and by type, drops deleted resources and unseen subscriptions, with later segments winning', async () => {
    const first = segment(1, { rows: [subscription(SUB_A), subscription(SUB_B), assessment(SUB_A, 1, 'Healthy'), assessment(SUB_B, 4)], deleted: [vm(SUB_A, 2).toLowerCase()] });
    const second = segment(2, {
      replacedTypes: ['microsoft.resources/subscriptions', 'microsoft.security/assessments/governanceassignments'],
      subscriptions: [SUB_A.toLowerCase()],
      rows: [subscription(SUB_A), assessment(SUB_A, 1, 'Unhealthy'), governance(SUB_A, 1, 'bob')],
    });
    const drops: string[] = [];
    const merged = await collect(mergeSegments(fromArray(BASE), [first, second], (row, reason) => drops.push(`${reason} ${(row as { id: string }).id}`)));
    expect(byId(merged)).toEqual(byId([subscription(SUB_A), assessment(SUB_A, 1, 'Unhealthy'), governance(SUB_A, 1, 'bob')]));
    // Only the last segment's drops are told: SUB_B's base row and the first segment's new row for it.
    expect(drops.sort()).toEqual([`unreadable ${assessment(SUB_B, 3).id}`, `unreadable ${assessment(SUB_B, 4).id}`]);
    // Without the second segment, the first one alone.
    expect(byId(await collect(mergeSegments(fromArray(BASE), [first])))).toEqual(
      byId([subscription(SUB_A), subscription(SUB_B), assessment(SUB_A, 1, 'Healthy'), assessment(SUB_B, 3), assessment(SUB_B, 4), governance(SUB_A, 1, 'alice')]),
    );
  });

  it('keeps rows of types a segment did not read again (governance between its slower reads)', async () => {
    const merged = await collect(mergeSegments(fromArray(BASE), [segment(1, {})]));
    expect(byId(merged)).toEqual(byId(BASE));
  });
});

describe('the kept copy: a base and a journal', () => {
  let dir: TempDataDir;
  beforeEach(() => (dir = createTempDataDir('posture-azure-journal-')));
  afterEach(() => dir.cleanup());

  const writeBase = async (store: ReturnType<typeof createLastGoodStore>) => {
    const write = store.begin(1000);
    for (const row of BASE) write.row(row);
    await write.commit({ source: 'azure tenant', readAt: 1000, rows: BASE.length, hash: 'h0' });
  };

  it('appends segments without touching the base, and reads back the committed ones after a torn append', async () => {
    const store = createLastGoodStore(dir.dir);
    await writeBase(store);
    const basePath = join(dir.dir, 'last-good.jsonl.gz');
    const baseBytes = readFileSync(basePath);
    const first = segment(2000, { rows: [subscription(SUB_A), subscription(SUB_B), assessment(SUB_A, 1, 'Healthy')] });
    const second = segment(3000, { deleted: [vm(SUB_B, 3).toLowerCase()] });
    store.append(store.find('azure tenant')!, first, { source: 'azure tenant', readAt: 2000, rows: 6, hash: 'h1' });
    store.append(store.find('azure tenant')!, second, { source: 'azure tenant', readAt: 3000, rows: 5, hash: 'h2' });
    expect(readFileSync(basePath).equals(baseBytes)).toBe(true);
    const kept = store.find('azure tenant')!;
    expect(kept.info).toMatchObject({ readAt: 3000, hash: 'h2', baseRows: BASE.length, journalRows: 5 });
    expect(store.segments(kept)).toEqual([first, second]);
    const expected = await collect(mergeSegments(keptRows(kept.path), [first, second]));
    expect(byId(expected)).toEqual(byId([subscription(SUB_A), subscription(SUB_B), assessment(SUB_A, 1, 'Healthy'), assessment(SUB_A, 2), governance(SUB_A, 1, 'alice')]));

    // A crash halfway through the next append: half a line after the committed ones, the info not written.
    const journal = join(dir.dir, 'last-good.journal.jsonl');
    appendFileSync(journal, JSON.stringify(segment(4000, { deleted: [vm(SUB_A, 1).toLowerCase()] })).slice(0, 60));
    const afterCrash = store.find('azure tenant')!;
    expect(afterCrash.info.readAt).toBe(3000);
    expect(store.segments(afterCrash)).toEqual([first, second]);
    expect(byId(await collect(mergeSegments(keptRows(afterCrash.path), store.segments(afterCrash))))).toEqual(byId(expected));

    // The next append cuts the torn tail off first, so its line is whole and readable.
    const third = segment(5000, { rows: [subscription(SUB_A), subscription(SUB_B), assessment(SUB_A, 2, 'Healthy')] });
    store.append(afterCrash, third, { source: 'azure tenant', readAt: 5000, rows: 5, hash: 'h3' });
    const now = store.find('azure tenant')!;
    expect(store.segments(now)).toEqual([first, second, third]);
    expect(statSync(journal).size).toBe(now.info.journalBytes);
  });

  it('a new base empties the journal', async () => {
    const store = createLastGoodStore(dir.dir);
    await writeBase(store);
    store.append(store.find('azure tenant')!, segment(2000, {}), { source: 'azure tenant', readAt: 2000, rows: 6 });
    await writeBase(store);
    const kept = store.find('azure tenant')!;
    expect(kept.info).toMatchObject({ journalBytes: 0, journalRows: 0, baseRows: BASE.length });
    expect(store.segments(kept)).toEqual([]);
  });
});
