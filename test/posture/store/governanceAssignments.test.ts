// The builder holds governance assignments by (resource code, key code) where it can, by lower-cased id otherwise
// (governanceAssignments.ts). Oracle: a Map from the lower-cased id to the last facts given, in first-seen order, and
// the join that looked each of its ids up with findRow: both must come out the same, through one builder and through
// a worker's part merged after the main thread's records.
import { addRecord, createBuilderState, type BuilderState } from '../../../src/posture/store/builder';
import { createPartState, mergeBuilderPart, packBuilderPart } from '../../../src/posture/store/builderPart';
import { StringDictionary } from '../../../src/posture/store/dictionary';
import { assignGovernance, createGovernanceAssignments, governanceEntries } from '../../../src/posture/store/governanceAssignments';
import { buildTable } from '../../../src/posture/store/join';
import { findRow } from '../../../src/posture/store/rowLookup';
import type { GovernanceFacts } from '../../../src/posture/store/table';
import type { GovernanceRecord, PostureRecord } from '../../../src/posture/model';
import { assessment, resourceIdOf } from './records';
import { seededRandom } from '../../support/seededRandom';

const INFIX = '/providers/Microsoft.Security/assessments/';

const random = seededRandom;

// Odd ones too: padded (findRow trims the id it is given), empty (findRow wants a resource before the infix), and a
// key holding the infix.
const RESOURCES = [...['vm0', 'VM1', 'vm-İstanbul', 'vm3'].map((name) => resourceIdOf(name)), ` ${resourceIdOf('padded')}`, ''];
const KEYS = ['k1', 'Key-Two', '4fd7c2a4-0000-4c4e-9f5a-6d2b79f50001', 'k1' + INFIX.toUpperCase() + 'k9', '__proto__', 'padded\t'];

/** Assessment ids a governance record may name: standard, other casings, padded, unknown parts, odd shapes. */
function governanceIds(r: ReturnType<typeof random>): string[] {
  const ids: string[] = [];
  for (const resource of [...RESOURCES, resourceIdOf('never-added')]) {
    for (const key of [...KEYS, 'unknown-key']) {
      const id = resource + INFIX + key;
      ids.push(id, id.toUpperCase(), id.toLowerCase(), ` ${id}`, `${id}\n`);
    }
  }
  ids.push('__proto__', 'constructor', '', INFIX + 'k1', INFIX.toLowerCase() + 'k1', `/weird/${r.next()}`, RESOURCES[0] + INFIX + INFIX + 'k1');
  return ids;
}

function records(seed: number, count: number): PostureRecord[] {
  const r = random(seed);
  const ids = governanceIds(r);
  const out: PostureRecord[] = [];
  for (let i = 0; i < count; i++) {
    if (r.next() < 0.45) {
      const resourceId = r.pick(RESOURCES);
      const key = r.pick(KEYS);
      const standard = resourceId + INFIX + key;
      // Standard ids, and verbatim ones: another casing, another resource's id, no assessment shape at all.
      const id = r.pick([standard, standard, standard.toUpperCase(), r.pick(RESOURCES) + INFIX + r.pick(KEYS), `/weird/${i % 7}`]);
      out.push(assessment({ resourceName: 'x', resourceId, key, id, status: r.next() < 0.8 ? 'Unhealthy' : 'Healthy' }));
    } else {
      const record: GovernanceRecord = { kind: 'governance', id: `g${i}`, assessmentId: r.pick(ids) };
      if (r.next() < 0.8) record.owner = r.pick(['ann@example.com', ' Bob@example.com', 'ann@EXAMPLE.com']);
      if (r.next() < 0.7) record.dueDate = 1_700_000_000_000 + Math.floor(r.next() * 20) * 86_400_000;
      if (r.next() < 0.3) record.etaDate = 1_700_000_000_000;
      out.push(record);
    }
  }
  return out;
}

/** What the builder kept as a Map from lower-cased id to the last facts, as it did before. */
function referenceMap(list: readonly PostureRecord[]): Map<string, GovernanceFacts> {
  const map = new Map<string, GovernanceFacts>();
  for (const record of list) {
    if (record.kind !== 'governance') continue;
    const { kind: _kind, id: _id, assessmentId, ...facts } = record;
    map.set(assessmentId.toLowerCase(), facts);
  }
  return map;
}

function oneBuilder(list: readonly PostureRecord[]): BuilderState {
  const state = createBuilderState();
  for (const record of list) addRecord(state, record);
  return state;
}

function twoParts(list: readonly PostureRecord[], cut: number): BuilderState {
  const main = createBuilderState();
  for (const record of list.slice(0, cut)) addRecord(main, record);
  const worker = createPartState();
  for (const record of list.slice(cut)) addRecord(worker, record);
  const { part, transfer } = packBuilderPart(worker);
  mergeBuilderPart(main, structuredClone(part, { transfer }));
  return main;
}

/** The join as it was: each id of the reference Map, in order, looked up with findRow. */
function referenceJoin(state: BuilderState, map: Map<string, GovernanceFacts>) {
  const table = buildTable(state);
  const governance = new Int32Array(table.rowCount).fill(-1);
  const owners = new StringDictionary();
  const owner = new Int32Array(table.rowCount).fill(-1);
  const joined: GovernanceFacts[] = [];
  for (const [id, facts] of map) {
    const row = findRow(table, id);
    if (row === undefined) continue;
    governance[row] = joined.length;
    joined.push({ ...facts, dueDate: facts.dueDate, etaDate: facts.etaDate });
    owner[row] = facts.owner ? owners.encode(facts.owner.trim()) : -1;
  }
  return { table, governance, owner, joined, owners: owners.values() };
}

describe('governance assignments', () => {
  it('hold what a Map from the lower-cased id held, in the same order, as the dictionaries fill', () => {
    let byCodes = 0;
    let verbatim = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const r = random(seed);
      const ids = governanceIds(r);
      const dict = { resource: new StringDictionary(), key: new StringDictionary() };
      const assignments = createGovernanceAssignments();
      const map = new Map<string, GovernanceFacts>();
      for (let i = 0; i < 400; i++) {
        // Resources and keys become known part way, as assessments arrive between assignments.
        if (r.next() < 0.1) dict.resource.encode(r.pick(RESOURCES));
        if (r.next() < 0.1) dict.key.encode(r.pick(KEYS).toLowerCase());
        const lower = r.pick(ids).toLowerCase();
        const facts: GovernanceFacts = { owner: `o${i}` };
        assignGovernance(assignments, dict, lower, facts);
        map.set(lower, facts);
      }
      expect([...governanceEntries(assignments, dict)]).toEqual([...map]);
      verbatim += assignments.ids.size;
      byCodes += assignments.facts.length - assignments.ids.size;
    }
    // Both ways were exercised.
    expect(verbatim).toBeGreaterThan(100);
    expect(byCodes).toBeGreaterThan(100);
  });

  it('join the same rows, facts, owners and due dates as findRow on each id did, in one builder and over two parts', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const list = records(seed, 160);
      const map = referenceMap(list);
      const cut = Math.floor(random(seed + 1000).next() * list.length);
      for (const state of [oneBuilder(list), twoParts(list, cut)]) {
        expect([...governanceEntries(state.governance, state.dict)]).toEqual([...map]);
        const expected = referenceJoin(seed % 2 ? oneBuilder(list) : twoParts(list, cut), map);
        const table = buildTable(state);
        expect(Array.from(table.columns.governance)).toEqual(Array.from(expected.governance));
        expect(Array.from(table.columns.owner)).toEqual(Array.from(expected.owner));
        expect(table.dict.owner.values()).toEqual(expected.owners);
        expect(table.governance).toEqual(expected.joined);
        expect(table.governance.length).toBeGreaterThan(0);
      }
    }
  });
});
