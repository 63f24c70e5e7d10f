import { serializeJsonValue, UnstorableValueError } from '../../src/storage/jsonValue';

describe('serializeJsonValue', () => {
  it('is JSON.stringify for plain JSON data, including null-prototype objects', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    expect(serializeJsonValue({ x: [1, 'two', null, { y: false }] })).toBe('{"x":[1,"two",null,{"y":false}]}');
    expect(serializeJsonValue(bare)).toBe('{"a":1}');
  });

  it.each([
    [{ a: { b: [0, { c: () => 1 }] } }, '$.a.b[1].c', /is a function/],
    [{ when: new Date(0) }, '$.when', /is a Date, not a plain object/],
    [[1, Number.NaN], '$[1]', /is NaN/],
    [{ big: BigInt(2) }, '$.big', /is a bigint/],
    [undefined, '$', /is undefined/],
    [{ list: [1, , 3] }, '$.list[1]', /is undefined/], // eslint-disable-line no-sparse-arrays
    [{ a: [{ b: { c: Symbol('s') } }] }, '$.a[0].b.c', /is a symbol/],
    [{ deep: [[[Number.NEGATIVE_INFINITY]]] }, '$.deep[0][0][0]', /is -Infinity/],
    [{ set: new Set([1]), later: () => 1 }, '$.set', /is a Set, not a plain object/],
    [{ ok: [1, 2], 'odd key': { x: undefined, y: [Number.NaN] } }, '$.odd key.y[0]', /is NaN/],
  ])('names where %p goes wrong', (value, path, message) => {
    let caught: unknown;
    try {
      serializeJsonValue(value);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UnstorableValueError);
    expect((caught as UnstorableValueError).path).toBe(path);
    expect((caught as Error).message).toMatch(message);
  });

  it('leaves out undefined properties and accepts the same object twice in siblings', () => {
    const shared = { n: 1 };
    expect(serializeJsonValue({ a: shared, b: [shared, shared], skip: undefined })).toBe('{"a":{"n":1},"b":[{"n":1},{"n":1}]}');
  });

  it('checks own properties only, as JSON.stringify writes them (an enumerable inherited property is not looked at)', () => {
    const proto = Object.prototype as Record<string, unknown>;
    Object.defineProperty(proto, 'inheritedProblem', { value: () => 1, enumerable: true, configurable: true, writable: true });
    try {
      expect(serializeJsonValue({ a: 1, b: { c: [2] } })).toBe('{"a":1,"b":{"c":[2]}}');
    } finally {
      delete proto.inheritedProblem;
    }
  });

  it('names the path of a problem beside and below siblings that were fine', () => {
    const shared = { fine: [1, { two: 2 }] };
    expect(() => serializeJsonValue({ first: shared, second: [shared, { bad: [0, 1, Number.POSITIVE_INFINITY] }] })).toThrow(/\$\.second\[1\]\.bad\[2\] is Infinity/);
  });

  it('finds a cycle through an array', () => {
    const list: unknown[] = [1];
    list.push({ back: list });
    expect(() => serializeJsonValue({ list })).toThrow(/\$\.list\[1\]\.back refers back to itself/);
  });
});
