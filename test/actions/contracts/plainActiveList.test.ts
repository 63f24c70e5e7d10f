// The plain check that reads stored active lists without zod must return exactly what the schema returns (same
// keys, same order, same values) or step aside: every variant below (valid, and each rule broken once) is read both
// ways, and the common lists must really take the plain path.
import { parseActiveList, parseActiveListBySchema } from '../../../src/actions/contracts/activeList';
import { plainActiveList } from '../../../src/actions/contracts/plainActiveList';
import { FILTER_VARIANTS } from './filterVariants';

const refs = Array.from({ length: 10 }, (_, i) => `r${i}:/subscriptions/s/resourcegroups/rg-(legacy)/providers/x/${i}`);
const valid = {
  listId: 'abc123def',
  filter: { riskLevels: ['Critical', 'High'], statuses: ['Unhealthy'], resourceTypes: ['microsoft.storage/storageaccounts'] },
  view: 'list',
  pageSize: 10,
  total: 87,
  refs,
  shown: 10,
  createdAt: 1733390000000,
};

const withFilter = (filter: unknown) => ({ ...valid, filter });

const variants: Array<[string, unknown]> = [
  ['a valid list', valid],
  ['every optional key', { ...valid, groupBy: 'severity', sort: 'dueDate', selectedRef: 'r1', limit: 5 }],
  ['keys in another order', { createdAt: valid.createdAt, refs, total: 87, pageSize: 10, view: 'list', filter: valid.filter, listId: valid.listId }],
  ['an unknown top-level key (stripped)', { ...valid, extra: { x: 1 } }],
  ['no shown', { ...valid, shown: undefined }],
  ['no refs', { ...valid, refs: [] }],
  ...FILTER_VARIANTS.map(([name, f]): [string, unknown] => [name, withFilter(f)]),
  ['no filter', { ...valid, filter: undefined }],
  ['a bad list id', { ...valid, listId: 'ABC' }],
  ['a short list id', { ...valid, listId: 'abc' }],
  ['a numeric list id', { ...valid, listId: 123456 }],
  ['an unknown view', { ...valid, view: 'table' }],
  ['an unknown grouping', { ...valid, groupBy: 'colour' }],
  ['a null grouping', { ...valid, groupBy: null }],
  ['an unknown sort', { ...valid, sort: 'name' }],
  ['page size 0', { ...valid, pageSize: 0 }],
  ['page size 51', { ...valid, pageSize: 51 }],
  ['a fractional page size', { ...valid, pageSize: 2.5 }],
  ['a negative total', { ...valid, total: -1 }],
  ['a string total', { ...valid, total: '87' }],
  ['501 refs', { ...valid, refs: Array.from({ length: 501 }, (_, i) => `r${i}`) }],
  ['500 refs', { ...valid, refs: Array.from({ length: 500 }, (_, i) => `r${i}`) }],
  ['a ref over 2000', { ...valid, refs: ['x'.repeat(2001)] }],
  ['a numeric ref', { ...valid, refs: [7] }],
  ['refs that are no array', { ...valid, refs: 'r1' }],
  ['a negative shown', { ...valid, shown: -1 }],
  ['a selected ref over 2000', { ...valid, selectedRef: 'x'.repeat(2001) }],
  ['limit 0', { ...valid, limit: 0 }],
  ['limit 51', { ...valid, limit: 51 }],
  ['no createdAt', { ...valid, createdAt: undefined }],
  ['a string createdAt', { ...valid, createdAt: 'today' }],
  ['an array', [valid]],
  ['null', null],
  ['a string', 'list'],
];

describe('plainActiveList', () => {
  it.each(variants)('agrees with the schema on %s', (_what, raw) => {
    // As stored: JSON written by an earlier turn (undefined fields dropped).
    const value: unknown = raw === undefined ? raw : JSON.parse(JSON.stringify(raw));
    const schema = parseActiveListBySchema(value);
    const plain = plainActiveList(value);
    if (plain !== undefined) {
      expect(plain).toEqual(schema);
      // Same keys in the same order, so a list written back is the same text.
      expect(JSON.stringify(plain)).toBe(JSON.stringify(schema));
    }
    const read = parseActiveList(value);
    expect(read === undefined ? undefined : JSON.stringify(read)).toBe(schema === undefined ? undefined : JSON.stringify(schema));
  });

  it('agrees with the schema on keys present with undefined values (a list built in the same turn)', () => {
    const optionalKeys = ['groupBy', 'sort', 'shown', 'selectedRef', 'limit'] as const;
    const eachAlone = optionalKeys.map((key) => ({ ...valid, [key]: undefined }));
    const allAtOnce = Object.fromEntries([...Object.entries(valid), ...optionalKeys.map((key) => [key, undefined])]);
    for (const value of [{ ...valid, groupBy: undefined, selectedRef: undefined }, withFilter({ owners: undefined, riskLevels: ['High'] }), ...eachAlone, allAtOnce]) {
      expect(plainActiveList(value)).toEqual(parseActiveListBySchema(value));
      expect(Object.keys(plainActiveList(value) ?? {})).toEqual(Object.keys(parseActiveListBySchema(value) ?? {}));
    }
  });

  it('takes the lists the skill writes without the schema, and copies their arrays', () => {
    const value = JSON.parse(JSON.stringify(valid)) as typeof valid;
    const plain = plainActiveList<typeof valid>(value);
    expect(plain).toBeDefined();
    expect(plain?.refs).not.toBe(value.refs);
    expect(plain?.filter).not.toBe(value.filter);
    expect(plain?.filter.riskLevels).not.toBe(value.filter.riskLevels);
    expect(plainActiveList(withFilter({ owners: ['zoë@contoso.com'], recommendationText: 'disk encryption' }))).toBeDefined();
  });

  it('leaves tags, due ranges and untrimmed text to the schema', () => {
    expect(plainActiveList(withFilter({ tags: [{ key: 'env', value: 'prod' }] }))).toBeUndefined();
    expect(plainActiveList(withFilter({ due: { period: 'thisWeek' } }))).toBeUndefined();
    expect(plainActiveList(withFilter({ owners: [' maya'] }))).toBeUndefined();
  });
});
