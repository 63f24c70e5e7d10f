// Resource name search through the word index (dictionaries of 4,096 names or more): the rows the engine finds,
// counts, groups and pages must be those of a per-row "contains" test, with candidates drawn by index or by
// bitmaps, for needles that hit one word, many words, words kept as row bitmaps, and none.
import type { PostureRecord } from '../../../src/posture/model';
import { STATUS_CODES } from '../../../src/posture/model';
import { addRecord, createBuilderState } from '../../../src/posture/store/builder';
import { createColumnarEngine } from '../../../src/posture/store/engine';
import type { CandidatePlan } from '../../../src/posture/store/filter';
import { buildTable } from '../../../src/posture/store/join';
import { rowsContaining } from '../../../src/posture/store/textSearch';
import { rowsOf } from '../../../src/posture/store/rowSet';
import { SYSTEM_VIEWER } from '../../../src/posture/viewer';
import { assessment, NOW } from './records';

function records(): PostureRecord[] {
  let state = 11;
  const next = () => ((state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const out: PostureRecord[] = [];
  // 4,500 names, a third with "prod" (a word on more than 1/32 of the rows), some with it inside a longer word.
  for (let i = 0; i < 4500; i++) {
    const env = i % 3 === 0 ? 'prod' : i % 7 === 0 ? `acr${i}prod` : i % 2 ? 'dev' : 'Stg';
    const name = `${['vm', 'kv', 'sql', 'app'][i % 4]}-${['billing', 'fleet', 'rg-(legacy)'][i % 3]}-${env}-${i.toString(36)}`;
    const rows = 1 + (i % 3);
    for (let k = 0; k < rows; k++) {
      out.push(assessment({ resourceName: name, key: `key-${k}`, status: STATUS_CODES[Math.floor(next() * STATUS_CODES.length)]!, severity: (['Low', 'Medium', 'High'] as const)[i % 3]! }));
    }
  }
  return out;
}

const NEEDLES = ['prod', 'PROD', 'pro', 'rod', 'dev', 'stg', 'billing', 'legacy', '(legacy)', 'rg-(', '1', 'z9', 'acr', 'zzz', 'vm-billing', 'prod-'];

describe('name search through the word index', () => {
  const recs = records();
  const engines = (['auto', 'index', 'bitmaps'] as CandidatePlan[]).map((plan) => {
    const state = createBuilderState();
    for (const record of recs) addRecord(state, record);
    return { plan, engine: createColumnarEngine(buildTable(state), { now: () => NOW, plan }) };
  });
  const names = recs.filter((r): r is Extract<PostureRecord, { kind: 'assessment' }> => r.kind === 'assessment');

  it.each(NEEDLES)('finds the rows a per-row test finds for %j, by every plan, twice (the second time from kept bitmaps)', (needle) => {
    const lower = needle.toLowerCase();
    for (const statuses of [undefined, ['Unhealthy' as const]]) {
      const expected = names.filter((a) => a.resourceName.toLowerCase().includes(lower) && (!statuses || statuses.includes(a.status as 'Unhealthy'))).map((a) => a.id).sort();
      for (const { plan, engine } of engines) {
        for (let round = 0; round < 2; round++) {
          const filter = { resourceText: needle, ...(statuses ? { statuses } : {}) };
          const found = engine.search(SYSTEM_VIEWER, { filter, limit: 10_000 });
          expect({ plan, needle, ids: found.items.map((row) => row.assessmentId).sort() }).toEqual({ plan, needle, ids: expected });
          expect(found.total).toBe(expected.length);
          expect(engine.count(SYSTEM_VIEWER, filter)).toBe(expected.length);
          expect(engine.group(SYSTEM_VIEWER, filter, 'severity').total).toBe(expected.length);
        }
      }
    }
  });

  it('pages in the same order by every plan, with the name search combined with a selective filter', () => {
    for (const filter of [{ resourceText: 'prod' }, { resourceText: 'prod', severities: ['High' as const] }, { resourceText: 'acr', statuses: ['Healthy' as const] }]) {
      const pages = engines.map(({ engine }) => engine.search(SYSTEM_VIEWER, { filter, limit: 25, offset: 5, sort: 'severity' }).items.map((row) => row.assessmentId));
      expect(pages[1]).toEqual(pages[0]);
      expect(pages[2]).toEqual(pages[0]);
      expect(pages[0]!.length).toBe(25);
    }
  });

  it('goes through the word index only for letters and digits, and returns a fresh set each time', () => {
    const state = createBuilderState();
    for (const record of recs) addRecord(state, record);
    const table = buildTable(state);
    const { resourceName } = table.dict;
    expect(rowsContaining(resourceName, table.indexes.resourceName, table.rowCount, 'prod-')).toBeUndefined();
    const first = rowsContaining(resourceName, table.indexes.resourceName, table.rowCount, 'prod')!;
    const rows = rowsOf(first);
    first.fill(0);
    expect(rowsOf(rowsContaining(resourceName, table.indexes.resourceName, table.rowCount, 'prod')!)).toEqual(rows);
    expect(rows.length).toBeGreaterThan(table.rowCount / 32);
  });
});
