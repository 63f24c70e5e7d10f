import { setOwnMember } from '../../src/collections/ownMember';

describe('setOwnMember', () => {
  it('adds __proto__ as an own member, as JSON.parse does, and leaves the prototype alone', () => {
    const target: Record<string, unknown> = {};
    setOwnMember(target, '__proto__', { polluted: true });
    setOwnMember(target, 'a', 1);
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
    expect((target as { polluted?: unknown }).polluted).toBeUndefined();
    expect(target).toEqual(JSON.parse('{"__proto__":{"polluted":true},"a":1}'));
    expect(Object.keys(target)).toEqual(['__proto__', 'a']);
  });
});
