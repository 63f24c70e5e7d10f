// Objects packed for a message between threads come back as structured clone would give them: same own keys in the
// same order (odd names included), same values, undefined members kept, nested values cloned.
import { packList, packObjects, unpackList, unpackObjects } from '../../../src/posture/store/builderPartObjects';
import { seededRandom } from '../../support/seededRandom';

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

describe('packed objects whose keys join to the same text', () => {
  // Key lists that join with U+0000 to one text: no keys and one empty key; a key holding U+0000 and two keys.
  const withEmptyName = JSON.parse('{"": "blank"}') as object;
  it.each([
    ['no keys, then one empty key', [{}, withEmptyName, { env: 'prod' }]],
    ['one empty key, then no keys', [withEmptyName, {}, { env: 'prod' }]],
    ['a key holding U+0000, then two keys', [{ 'a\u0000b': 1 }, { a: 2, b: 3 }, { env: 'prod' }]],
    ['no keys and one empty key, apart', [{ env: 'dev' }, {}, { env: 'test' }, withEmptyName, { env: 'prod' }]],
  ])('keeps them apart: %s', (_name, objects) => {
    const back = unpackObjects(structuredClone(packObjects(objects)));
    expect(back.map((object) => Reflect.ownKeys(object))).toEqual(objects.map((object) => Reflect.ownKeys(object)));
    expect(back).toEqual(objects);
  });
});

/** A value as text, strictly: key order, own __proto__ members, undefined members, holes, -0, NaN, lone surrogates. */
function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (value === null || typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return `[${Array.from({ length: value.length }, (_, i) => (i in value ? shown(value[i]) : '<hole>')).join(',')}]`;
  const tag = Object.prototype.toString.call(value);
  const members = Reflect.ownKeys(value).map((key) => `${JSON.stringify(String(key))}:${shown(Object.getOwnPropertyDescriptor(value, key)?.value)}`);
  return `${tag}{${members.join(',')}}`;
}

describe('packed objects and lists, random ones (pack, transfer, unpack)', () => {
  const KEYS = ['', 'a', 'b', 'A', 'a\u0000b', '\u0000', '__proto__', 'constructor', 'toString', '0', '1', '10', '-1', '01', '4294967295', 'ÄÖÜ', '🚀', '\ud800', 'owner'];
  const TEXTS = ['', 'a', 'prod', 'Prod', 'ünï', '🚀', '\ud800', 'a\u0000b', '__proto__', 'x'.repeat(300)];
  const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;

  function randomValue(rand: () => number, depth: number): unknown {
    const r = rand();
    if (r < 0.45) return pick(rand, TEXTS);
    if (r < 0.5) return undefined;
    if (r < 0.55) return null;
    if (r < 0.65) return pick(rand, [0, -0, Number.NaN, 1.5, -7, Number.POSITIVE_INFINITY, 2 ** 53]);
    if (r < 0.7) return rand() < 0.5;
    if (depth < 2 && r < 0.8) {
      const list = new Array<unknown>(Math.floor(rand() * 4));
      // Some elements left out: a sparse list.
      for (let i = 0; i < list.length; i++) if (rand() < 0.8) list[i] = randomValue(rand, depth + 1);
      return list;
    }
    if (depth < 2 && r < 0.9) return randomObject(rand, depth + 1, undefined);
    return pick(rand, TEXTS);
  }

  /** An object with own members only (an own __proto__ too); `keys` given: the same keys as another object. */
  function randomObject(rand: () => number, depth: number, keys: readonly string[] | undefined): Record<string, unknown> {
    const names = keys ?? [...new Set(Array.from({ length: Math.floor(rand() * 4) }, () => pick(rand, KEYS)))];
    const object: Record<string, unknown> = {};
    for (const name of names) Object.defineProperty(object, name, { value: randomValue(rand, depth), enumerable: true, writable: true, configurable: true });
    return object;
  }

  it.each(Array.from({ length: 40 }, (_, i) => i + 1))('seed %p: every object and value back as it was', (seed) => {
    const rand = seededRandom(seed).next;
    const objects: Record<string, unknown>[] = [];
    for (let i = 0; i < 300; i++) {
      const previous = objects[objects.length - 1];
      // Runs of one shape (the packer's fast path), shapes seen before, and new ones.
      const same = previous && rand() < 0.4 ? Object.keys(previous) : rand() < 0.2 && objects.length ? Object.keys(pick(rand, objects)) : undefined;
      objects.push(randomObject(rand, 0, same));
    }
    const packed = packObjects(objects);
    const received = structuredClone(packed, { transfer: [packed.shapeOf.buffer as ArrayBuffer, packed.textOf.buffer as ArrayBuffer] });
    expect(packed.textOf.byteLength).toBe(0); // moved, not copied
    expect(unpackObjects(received).map(shown)).toEqual(objects.map(shown));

    const values = objects.flatMap((object) => Object.values(object));
    for (const distinct of [true, false]) {
      const list = packList(values, distinct);
      expect(unpackList(structuredClone(list, { transfer: [list.textOf.buffer as ArrayBuffer] })).map(shown)).toEqual(values.map(shown));
    }
  });
});
