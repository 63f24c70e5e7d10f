// A worker's builder part merged after the main thread's rows must leave the same state as one builder adding every
// record in order: same dictionary codes and spellings, columns, map orders, first/last-wins facts.
import { createCatalog } from '../../../src/posture/catalog/catalog';
import { createPostureStoreBuilder } from '../../../src/posture/store';
import { addRecord, createBuilderState, type BuilderState } from '../../../src/posture/store/builder';
import { createPartState, mergeBuilderPart, packBuilderPart, takesBuilderParts } from '../../../src/posture/store/builderPart';
import { createRowIntake } from '../../../src/posture/load/rowIntake';
import { demoTenantRows } from '../../../src/posture/demo/generator';
import type { PostureRecord } from '../../../src/posture/model';
import { GrowableColumn } from '../../../src/posture/store/columns';
import { StringDictionary } from '../../../src/posture/store/dictionary';
import { SYSTEM_VIEWER } from '../../../src/posture/viewer';

function demoRecords(assessmentCount: number): PostureRecord[] {
  const records: PostureRecord[] = [];
  const intake = createRowIntake({ catalog: createCatalog() }, { add: (record) => records.push(record) });
  for (const row of demoTenantRows({ assessmentCount })) intake.row('row', JSON.parse(JSON.stringify(row)));
  return records;
}

/**
 * Everything observable in a builder state, with Map and Set orders kept (jest compares those as unordered). Maps
 * and Sets are told by their tag: structuredClone under jest makes them in another realm.
 */
function plain(value: unknown): unknown {
  if (value instanceof StringDictionary) return { values: value.values(), lower: value.lowerValues() };
  if (value instanceof GrowableColumn) return Array.from(value.toArray());
  const tag = Object.prototype.toString.call(value);
  if (tag === '[object Map]') return ['Map', [...(value as Map<unknown, unknown>)].map(([k, v]) => [plain(k), plain(v)])];
  if (tag === '[object Set]') return ['Set', [...(value as Set<unknown>)].map(plain)];
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k, v]) => k !== 'interned' && k !== 'cveLog' && v !== undefined).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

function oneBuilder(records: readonly PostureRecord[]): BuilderState {
  const state = createBuilderState();
  for (const record of records) addRecord(state, record);
  return state;
}

function twoParts(records: readonly PostureRecord[], cut: number): BuilderState {
  const main = createBuilderState();
  for (const record of records.slice(0, cut)) addRecord(main, record);
  const worker = createPartState();
  for (const record of records.slice(cut)) addRecord(worker, record);
  const { part, transfer } = packBuilderPart(worker);
  // As postMessage moves it: cloned, typed arrays transferred.
  mergeBuilderPart(main, structuredClone(part, { transfer }));
  return main;
}

/** Rows without texts and threats on even records: later rows (maybe across the cut) then supply them. */
function withGaps(records: readonly PostureRecord[]): PostureRecord[] {
  return records.map((record, i) =>
    record.kind === 'assessment' && i % 2 === 0 ? { ...record, description: undefined, remediationDescription: undefined, userImpact: undefined, threats: [] } : record,
  );
}

/**
 * Resources' tags in turn: none, one empty name (both lists of names join to ''), a name holding U+0000 and two
 * names (both join to 'a\u0000b'), an own __proto__ member (as JSON.parse makes it), plain names.
 */
function withOddTags(records: readonly PostureRecord[]): PostureRecord[] {
  const variants: Array<Record<string, string>> = [{}, JSON.parse('{"": "blank"}'), { 'a\u0000b': 'nul' }, { a: 'x', b: 'y' }, JSON.parse('{"__proto__": "p", "Env": "prod"}'), { env: 'prod', owner: 'ana' }];
  let n = 0;
  return records.map((record) => (record.kind === 'resource' ? { ...record, tags: { ...variants[n++ % variants.length] } } : record));
}

describe('builder parts', () => {
  const records = demoRecords(1200);

  it('covers the kinds merging treats apart', () => {
    const kinds = new Set(records.map((r) => r.kind));
    for (const kind of ['assessment', 'resource', 'subscription', 'governance', 'finding', 'attackPath', 'cveDetail', 'secureScore']) expect(kinds).toContain(kind);
  });

  it.each([0, 0.3, 0.5, 0.77, 1])('cut at %p of the records: the same state as one builder', (share) => {
    const cut = Math.floor(records.length * share);
    expect(plain(twoParts(records, cut))).toEqual(plain(oneBuilder(records)));
  });

  it('lets go of the part it merged (its message may outlive the merge); the state keeps what it took over', () => {
    const cut = Math.floor(records.length * 0.5);
    const main = oneBuilder(records.slice(0, cut));
    const worker = createPartState();
    for (const record of records.slice(cut)) addRecord(worker, record);
    const { part, transfer } = packBuilderPart(worker);
    const received = structuredClone(part, { transfer });
    mergeBuilderPart(main, received);
    expect(Object.keys(received)).toEqual([]);
    expect(plain(main)).toEqual(plain(oneBuilder(records)));
  });

  it.each([0.25, 0.6])('texts first given after the cut at %p fill the gaps as one builder does', (share) => {
    const gappy = withGaps(records);
    const cut = Math.floor(gappy.length * share);
    expect(plain(twoParts(gappy, cut))).toEqual(plain(oneBuilder(gappy)));
  });

  it.each([0.3, 0.6])('resources with odd tag names, cut at %p: the same state as one builder', (share) => {
    const odd = withOddTags(records);
    const cut = Math.floor(odd.length * share);
    const tags = [...oneBuilder(odd.slice(cut)).resources.values()].map((info) => JSON.stringify(Object.keys(info.tags)));
    // Every variant is among the worker's resources.
    expect(new Set(tags)).toEqual(new Set(['[]', '[""]', '["a\\u0000b"]', '["a","b"]', '["__proto__","Env"]', '["env","owner"]']));
    expect(plain(twoParts(odd, cut))).toEqual(plain(oneBuilder(odd)));
  });

  it('a finished store from two parts answers as one from every record', () => {
    const cut = Math.floor(records.length * 0.4);
    const whole = createPostureStoreBuilder({ now: () => Date.parse('2026-06-01') });
    for (const record of records) whole.add(record);
    const split = createPostureStoreBuilder({ now: () => Date.parse('2026-06-01') });
    expect(takesBuilderParts(split)).toBe(true);
    for (const record of records.slice(0, cut)) split.add(record);
    const worker = createPartState();
    for (const record of records.slice(cut)) addRecord(worker, record);
    split.addBuilderPart?.(structuredClone(packBuilderPart(worker).part));
    const a = whole.finish();
    const b = split.finish();
    const everything = { filter: {}, limit: 10000 };
    expect(b.search(SYSTEM_VIEWER, everything)).toEqual(a.search(SYSTEM_VIEWER, everything));
    expect(b.group(SYSTEM_VIEWER, {}, 'category')).toEqual(a.group(SYSTEM_VIEWER, {}, 'category'));
    expect(b.vulnerabilities(SYSTEM_VIEWER, { filter: {}, limit: 1000 })).toEqual(a.vulnerabilities(SYSTEM_VIEWER, { filter: {}, limit: 1000 }));
    expect(b.attackPaths(SYSTEM_VIEWER, { limit: 1000 })).toEqual(a.attackPaths(SYSTEM_VIEWER, { limit: 1000 }));
  });
});
