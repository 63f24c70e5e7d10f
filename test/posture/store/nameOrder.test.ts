// The table's nameOrder / resourceNameOrder (join.ts sortOrder): each code's position when the lower-cased values
// are sorted. Oracle: the earlier comparator sort, over names in mixed case, accented, astral (surrogate pairs),
// with prefixes of one another, digits, punctuation, and spellings that fold to one value.
import { addRecord, createBuilderState } from '../../../src/posture/store/builder';
import { buildTable } from '../../../src/posture/store/join';
import { assessment } from './records';
import { seededRandom } from '../../support/seededRandom';

/** The earlier sortOrder, verbatim but for its input. */
function referenceOrder(values: readonly string[]): Uint32Array {
  const codes = Array.from(values.keys()).sort((a, b) => {
    const x = values[a] as string;
    const y = values[b] as string;
    return x < y ? -1 : x > y ? 1 : a - b;
  });
  const order = new Uint32Array(values.length);
  codes.forEach((code, position) => (order[code] = position));
  return order;
}

const PIECES = ['vm', 'VM', 'Vm-', 'db', 'é', 'É', 'e\u0301', 'ß', 'İ', 'ı', 'K', '\u212a', '😀', '\ud83d\ude00x', 'z', 'Z', '0', '9', '10', '-', '_', ' ', '.', '~', '\u00ff', '\uffff', '日本', 'ａ'];

describe('name sort orders', () => {
  it.each([1, 2, 3, 4, 5])('match the comparator sort of the lower-cased names (seed %i)', (seed) => {
    const random = seededRandom(seed);
    const state = createBuilderState();
    for (let i = 0; i < 400; i++) {
      let name = '';
      const length = 1 + Math.floor(random.next() * 4);
      for (let j = 0; j < length; j++) name += random.pick(PIECES);
      const key = `k${Math.floor(random.next() * 60)}`;
      addRecord(state, assessment({ resourceName: name, key, displayName: random.next() < 0.5 ? name.toUpperCase() : `${name} ${key}` }));
    }
    const table = buildTable(state, {});
    expect(table.dict.resourceName.size).toBeGreaterThan(200);
    expect(Array.from(table.resourceNameOrder)).toEqual(Array.from(referenceOrder(table.dict.resourceName.lowerValues())));
    expect(Array.from(table.nameOrder)).toEqual(Array.from(referenceOrder(table.dict.name.lowerValues())));
    // Every position once.
    expect(new Set(table.resourceNameOrder).size).toBe(table.dict.resourceName.size);
  });
});
