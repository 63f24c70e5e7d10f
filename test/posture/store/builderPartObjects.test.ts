// Objects packed for a message between threads come back as structured clone would give them: same own keys in the
// same order (odd names included), same values, undefined members kept, nested values cloned.
import { packList, packObjects, unpackList, unpackObjects } from '../../../src/posture/store/builderPartObjects';

const withProto = JSON.parse('{"__proto__": "kept", "a": 1}') as object;

const objects: object[] = [
  { owner: 'ana@contoso.com', dueDate: 1_700_000_000_000, isGracePeriod: false },
  { owner: 'bo@contoso.com', dueDate: 1_700_000_000_001, isGracePeriod: true },
  { dueDate: 5 },
  {},
  { location: undefined, tags: { env: 'prod' } },
  { 'Cost Center': '4711', 'ÄÖÜ-名前': 'значение 🚀', '': 'empty name', '10': 'ten', '2': 'two', 'a\u0000b': 'nul inside' },
  { steps: [{ from: 'a', to: 'b', label: 'Can reach' }], entityNames: { x: 'y' }, score: Number.NaN, big: -0 },
  withProto,
  { b: 2, a: 1 },
  { a: 1, b: 2 },
];

describe('packed objects', () => {
  const back = unpackObjects(structuredClone(packObjects(objects)));

  it('gives every object back with its own keys in their order and its values', () => {
    expect(back).toHaveLength(objects.length);
    back.forEach((object, i) => {
      const original = objects[i] as object;
      expect(Reflect.ownKeys(object)).toEqual(Reflect.ownKeys(original));
      expect(object).toStrictEqual(structuredClone(original));
      expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
    });
  });

  it('keeps a member named __proto__ as a member, and an undefined member as present', () => {
    expect(Object.getOwnPropertyDescriptor(back[7], '__proto__')?.value).toBe('kept');
    expect('location' in (back[4] as object)).toBe(true);
  });

  it('keeps one shape per distinct list of keys', () => {
    const packed = packObjects(objects);
    expect(packed.shapes).toHaveLength(9); // the first two objects share theirs; {b,a} and {a,b} do not
    expect(Array.from(packed.shapeOf.slice(0, 2))).toEqual([0, 0]);
  });

  it('sends each distinct string once, however many objects hold it', () => {
    const packed = packObjects([{ owner: 'ana', city: 'Oslo' }, { owner: 'ana', city: 'oslo' }, { owner: 'ana', n: 1 }]);
    expect(packed.texts).toEqual(['ana', 'Oslo', 'oslo']);
    expect(packed.values).toEqual([1]);
  });
});

describe('packed lists', () => {
  const list = ['a', undefined, 'a', 3, '', ['x'], 'b', null, Number.NaN, 'a'];

  it.each([true, false])('gives every value back in order (distinct strings once: %p)', (distinct) => {
    const packed = packList(list, distinct);
    expect(unpackList(structuredClone(packed))).toEqual(list);
    expect(packed.texts).toEqual(distinct ? ['a', '', 'b'] : []);
  });
});
