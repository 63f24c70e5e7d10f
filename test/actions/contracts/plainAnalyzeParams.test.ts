// The plain check of the analyze action's parameters must return exactly what the schema returns (same keys, same
// order, same values) or step aside: every variant below (valid, and each rule broken once) is read both ways. The
// registry must still refuse tampered parameters (from a card, a model, a hand-made plan) with the check in place.
import { analyzeParamsSchema } from '../../../src/actions/contracts/analyze';
import { plainAnalyzeParams } from '../../../src/actions/contracts/plainAnalyzeParams';
import { createActionRegistry } from '../../../src/actions/registry';
import { SYSTEM_VIEWER } from '../../../src/posture/viewer';
import { createAnalyzeActions } from '../../../src/skills/analyze/analyzeActions';
import type { AnalyzeSkill } from '../../../src/skills/analyze/analyzeSkill';
import { FILTER_VARIANTS } from './filterVariants';

const filter = { riskLevels: ['Critical', 'High'], statuses: ['Unhealthy'], resourceTypes: ['Microsoft.Storage/storageAccounts'] };
const valid = { filter, view: 'list' };
const withFilter = (f: unknown) => ({ ...valid, filter: f });

const variants: Array<[string, unknown]> = [
  ['a planner list', valid],
  ['every optional key', { ...valid, groupBy: 'severity', sort: 'dueDate', limit: 5, unusedWords: ['frobnicate', 'zork'] }],
  ['keys in another order', { unusedWords: ['x'], limit: 3, sort: 'risk', groupBy: 'owner', view: 'breakdown', filter }],
  ['no filter (default)', { view: 'count' }],
  ['no view (default)', { filter }],
  ['nothing (both defaults)', {}],
  ['a count', { filter, view: 'count' }],
  ...FILTER_VARIANTS.map(([name, f]): [string, unknown] => [name, withFilter(f)]),
  ['an unknown view', { ...valid, view: 'table' }],
  ['a null view', { ...valid, view: null }],
  ['an unknown grouping', { ...valid, groupBy: 'colour' }],
  ['a null grouping', { ...valid, groupBy: null }],
  ['an unknown sort', { ...valid, sort: 'name' }],
  ['limit 0', { ...valid, limit: 0 }],
  ['limit 50', { ...valid, limit: 50 }],
  ['limit 51', { ...valid, limit: 51 }],
  ['a fractional limit', { ...valid, limit: 2.5 }],
  ['a string limit', { ...valid, limit: '5' }],
  ['NaN limit', { ...valid, limit: Number.NaN }],
  ['no unused words', { ...valid, unusedWords: [] }],
  ['11 unused words', { ...valid, unusedWords: Array.from({ length: 11 }, (_, i) => `w${i}`) }],
  ['10 unused words', { ...valid, unusedWords: Array.from({ length: 10 }, (_, i) => `w${i}`) }],
  ['an unused word over 60', { ...valid, unusedWords: ['x'.repeat(61)] }],
  ['an untrimmed unused word', { ...valid, unusedWords: [' x'] }],
  ['an unknown top-level key', { ...valid, extra: 1 }],
  ['an Object.prototype name as a key', { ...valid, hasOwnProperty: 1 }],
  ['an array', [valid]],
  ['null', null],
  ['a string', 'list'],
];

describe('plainAnalyzeParams', () => {
  it.each(variants)('agrees with the schema on %s', (_what, value) => {
    const schema = analyzeParamsSchema.safeParse(value);
    const plain = plainAnalyzeParams(value);
    if (plain !== undefined) {
      expect(schema.success).toBe(true);
      expect(plain).toEqual(schema.data);
      // Same keys in the same order.
      expect(JSON.stringify(plain)).toBe(JSON.stringify(schema.data));
    }
  });

  it('agrees with the schema on keys present with undefined values', () => {
    for (const value of [{ ...valid, groupBy: undefined, sort: undefined, limit: undefined }, { filter: { owners: undefined, riskLevels: ['High'] }, view: undefined }, { filter: undefined }]) {
      const schema = analyzeParamsSchema.parse(value);
      expect(plainAnalyzeParams(value)).toEqual(schema);
      expect(Object.keys(plainAnalyzeParams(value) ?? {})).toEqual(Object.keys(schema));
      expect(Object.keys(plainAnalyzeParams(value)?.filter ?? {})).toEqual(Object.keys(schema.filter));
    }
  });

  it('takes what the keyless planner emits without the schema, and copies its arrays', () => {
    const value = { filter: { ...filter }, view: 'list', sort: 'dueDate', unusedWords: ['zork'] };
    const plain = plainAnalyzeParams(value);
    expect(plain).toBeDefined();
    expect(plain?.filter).not.toBe(value.filter);
    expect(plain?.filter.riskLevels).not.toBe(value.filter.riskLevels);
    expect(plain?.unusedWords).not.toBe(value.unusedWords);
  });

  it('never accepts a sparse list (a hole is undefined to the schema)', () => {
    // eslint-disable-next-line no-sparse-arrays
    const holed = withFilter({ riskLevels: [, 'High'] });
    expect(plainAnalyzeParams(holed)).toBeUndefined();
    expect(analyzeParamsSchema.safeParse(holed).success).toBe(false);
  });
});

describe('the analyze action with its plain check', () => {
  const answered: unknown[] = [];
  const skill = { answer: async (_ctx: unknown, question: unknown) => void answered.push(question) } as unknown as AnalyzeSkill;
  const registry = createActionRegistry();
  for (const definition of createAnalyzeActions(skill)) registry.register(definition);
  const memory = new Map<string, unknown>();
  const ctx = {
    viewer: SYSTEM_VIEWER,
    actor: { id: 'user-1' },
    conversationId: 'c1',
    reply: async () => undefined,
    conversation: { get: <T>(key: string) => memory.get(key) as T | undefined, set: <T>(key: string, v: T) => void memory.set(key, v), delete: (key: string) => void memory.delete(key) },
  };

  // The registry reads absent parameters (undefined, null) as {}.
  it('uses the plain check', () => {
    expect(registry.get('analyze')?.plainParameters).toBe(plainAnalyzeParams);
  });

  it.each(variants.filter(([, value]) => !analyzeParamsSchema.safeParse(value ?? {}).success))('refuses %s as the schema does', async (_what, parameters) => {
    expect(() => registry.validate({ name: 'analyze', parameters })).toThrow(expect.objectContaining({ code: 'INVALID_ACTION' }));
    answered.length = 0;
    await expect(registry.run({ name: 'analyze', parameters }, ctx)).rejects.toMatchObject({ code: 'INVALID_ACTION' });
    expect(answered).toEqual([]);
    expect(registry.checkPlan([{ name: 'analyze', parameters }]).length).toBeGreaterThan(0);
  });

  it('hands the handler what the schema would', async () => {
    answered.length = 0;
    await registry.run({ name: 'analyze', parameters: { filter: { riskLevels: ['High'] }, sort: 'risk' } }, ctx);
    expect(answered).toEqual([{ filter: { riskLevels: ['High'] }, view: 'list', groupBy: undefined, sort: 'risk', limit: undefined, unusedWords: undefined }]);
  });
});
