// buildTagIndex builds each lower-cased pair once per distinct spelling; it must answer exactly as one pass that
// lower-cases every tag of every resource (the reference below, the implementation before that change).
import { buildTagIndex, tagPair, type TagIndex } from '../../../src/posture/store/tags';
import type { ResourceInfo } from '../../../src/posture/store/table';

function referenceTagIndex(resources: Map<number, ResourceInfo>): TagIndex {
  const lists = new Map<string, number[]>();
  const keys = new Map<string, string>();
  const values = new Map<string, string>();
  for (const [code, info] of resources) {
    for (const [key, value] of Object.entries(info.tags)) {
      if (typeof value !== 'string') continue;
      const pair = tagPair(key, value);
      const list = lists.get(pair);
      if (list) list.push(code);
      else lists.set(pair, [code]);
      if (!keys.has(key.toLowerCase())) keys.set(key.toLowerCase(), key);
      if (value && !values.has(value.toLowerCase())) values.set(value.toLowerCase(), value);
    }
  }
  const tagIndex = new Map<string, Uint32Array>();
  for (const [pair, list] of lists) tagIndex.set(pair, Uint32Array.from(list));
  return { tagIndex, tagKeys: [...keys.values()], tagValues: [...values.values()] };
}

const asPlain = (index: TagIndex) => ({ pairs: [...index.tagIndex].map(([pair, codes]) => [pair, Array.from(codes)]), keys: index.tagKeys, values: index.tagValues });

describe('buildTagIndex', () => {
  it('answers as one pass over every tag, for repeated, differently spelled and strange tags', () => {
    const KEYS = ['Owner', 'owner', 'OWNER', 'env', 'Env', 'costCenter', 'İd', 'i̇d', 'K', '\u212a', '', '0', '10', '__proto__'];
    const VALUES = ['Prod', 'prod', 'PROD', '', 'données', 'DONNÉES', 'x', '\u212a', 'k', 'a\u0000b'];
    let seed = 11;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * n); // the high bits: the low ones of this generator repeat quickly
    };
    const resources = new Map<number, ResourceInfo>();
    for (let code = 0; code < 400; code++) {
      const tags: Record<string, string> = {};
      for (let i = next(6); i > 0; i--) {
        const key = KEYS[next(KEYS.length)] as string;
        const value: unknown = next(15) === 0 ? 42 : next(20) === 0 ? null : VALUES[next(VALUES.length)];
        Object.defineProperty(tags, key, { value, enumerable: true, writable: true, configurable: true });
      }
      // Codes out of order, as a map filled by the builder in the export's order.
      resources.set((code * 37) % 400, { tags });
    }
    expect(asPlain(buildTagIndex(resources))).toEqual(asPlain(referenceTagIndex(resources)));
  });

  it('keeps the first spelling of each key and value in order', () => {
    const resources = new Map<number, ResourceInfo>([
      [2, { tags: { Env: 'Prod' } }],
      [0, { tags: { env: 'prod', Owner: 'A' } }],
      [1, { tags: { ENV: 'PROD', owner: 'a' } }],
    ]);
    const index = buildTagIndex(resources);
    expect(asPlain(index)).toEqual({ pairs: [['env\u0000prod', [2, 0, 1]], ['owner\u0000a', [0, 1]]], keys: ['Env', 'Owner'], values: ['Prod', 'A'] });
  });
});
