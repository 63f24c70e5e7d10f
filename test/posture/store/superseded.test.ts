// A row added again with the same id replaces the earlier one (join.ts dropSuperseded). Oracle: the earlier
// implementation, one Map of identities per resource, over random rows with repeated ids in every shape.
import { addRecord, createBuilderState, type BuilderState } from '../../../src/posture/store/builder';
import { buildCodeIndex } from '../../../src/posture/store/columns';
import { buildTable } from '../../../src/posture/store/join';
import { assessmentIdOf } from '../../../src/posture/store/rowLookup';
import { assessment, resourceIdOf } from './records';
import { seededRandom } from '../../support/seededRandom';

const INFIX = '/providers/Microsoft.Security/assessments/';

const random = seededRandom;

/** The earlier dropSuperseded, verbatim but for its inputs. */
function referenceLive(state: BuilderState): Uint8Array {
  const columns = { key: state.cols.key.filled(), resource: state.cols.resource.filled() };
  const live = new Uint8Array(columns.key.length).fill(1);
  const byResource = buildCodeIndex(columns.resource, state.dict.resource.size, live);
  const seen = new Map<number | string, number>();
  const t = { dict: state.dict, sparse: state.sparse, columns };
  const standardLower = (resource: number, key: number) => state.dict.resource.lower(resource) + INFIX.toLowerCase() + state.dict.key.lower(key);
  for (let code = 0; code + 1 < byResource.offsets.length; code++) {
    const start = byResource.offsets[code] as number;
    const end = byResource.offsets[code + 1] as number;
    if (end - start < 2) continue;
    seen.clear();
    for (let i = start; i < end; i++) {
      const row = byResource.rows[i] as number;
      const key = columns.key[row] as number;
      const verbatim = state.sparse.id.get(row)?.toLowerCase();
      const identity = verbatim === undefined || verbatim === standardLower(code, key) ? key : verbatim;
      const earlier = seen.get(identity);
      if (earlier !== undefined && assessmentIdOf(t, earlier).toLowerCase() === assessmentIdOf(t, row).toLowerCase()) live[earlier] = 0;
      seen.set(identity, row);
    }
  }
  return live;
}

describe('superseded rows', () => {
  it('the same rows stay live as with one Map of identities per resource', () => {
    const resources = ['a', 'B', 'c'].map((name) => resourceIdOf(name));
    const keys = ['k1', 'K2', '__proto__', 'constructor', '7'];
    let dropped = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const r = random(seed);
      const state = createBuilderState();
      for (let i = 0; i < 120; i++) {
        const resourceId = r.pick(resources);
        const key = r.pick(keys);
        const standard = resourceId + INFIX + key;
        // Standard, other casing (verbatim, same lower-cased id), another resource's id, no assessment shape.
        const id = r.pick([standard, standard, standard.toUpperCase(), r.pick(resources) + INFIX + r.pick(keys), `/odd/${i % 5}`, `/ODD/${i % 5}`]);
        addRecord(state, assessment({ resourceName: 'x', resourceId, key, id }));
      }
      const expected = referenceLive(state);
      const live = buildTable(state).live;
      expect(Array.from(live)).toEqual(Array.from(expected));
      dropped += expected.length - expected.reduce((sum, flag) => sum + flag, 0);
    }
    expect(dropped).toBeGreaterThan(500);
  });
});
