// Resource tags as an inverted index: each distinct (key, value) pair lists the resources carrying it, so a tag
// filter touches the distinct pairs, not every resource.
import type { ResourceInfo } from './table';

export interface TagIndex {
  tagIndex: Map<string, Uint32Array>;
  tagKeys: string[];
  tagValues: string[];
}

export const tagPair = (key: string, value: string): string => `${key.toLowerCase()}\u0000${value.toLowerCase()}`;

export function buildTagIndex(resources: Map<number, ResourceInfo>): TagIndex {
  const lists = new Map<string, number[]>();
  const keys = new Map<string, string>();
  const values = new Map<string, string>();
  // Exact key -> exact value -> its pair's list. Resources repeat a few keys and values (the builder keeps one copy of
  // each value), so the lower-cased pair string is built once per distinct spelling, not once per tag. The first
  // occurrence of a lower-cased pair, key or value is always at a spelling seen for the first time, so lists, keys
  // and values are filled in the same order as one pass over every tag.
  const bySpelling = new Map<string, Map<string, number[]>>();
  for (const [code, info] of resources) {
    const tags = info.tags;
    for (const key in tags) {
      if (!Object.prototype.hasOwnProperty.call(tags, key)) continue;
      const value = tags[key];
      if (typeof value !== 'string') continue;
      let byValue = bySpelling.get(key);
      if (byValue === undefined) {
        byValue = new Map();
        bySpelling.set(key, byValue);
      }
      let list = byValue.get(value);
      if (list === undefined) {
        const pair = tagPair(key, value);
        list = lists.get(pair);
        if (list === undefined) {
          list = [];
          lists.set(pair, list);
        }
        byValue.set(value, list);
        if (!keys.has(key.toLowerCase())) keys.set(key.toLowerCase(), key);
        if (value && !values.has(value.toLowerCase())) values.set(value.toLowerCase(), value);
      }
      list.push(code);
    }
  }
  const tagIndex = new Map<string, Uint32Array>();
  for (const [pair, list] of lists) tagIndex.set(pair, Uint32Array.from(list));
  return { tagIndex, tagKeys: [...keys.values()], tagValues: [...values.values()] };
}

/** Resource codes matching every requested tag (no key: the value under any key); undefined = nothing matches. */
export function resourcesWithTags(
  index: Map<string, Uint32Array>,
  tags: ReadonlyArray<{ key?: string; value: string }>,
  resourceCount: number,
): Uint8Array {
  const hits = new Uint8Array(resourceCount);
  tags.forEach((tag, position) => {
    const key = tag.key?.trim().toLowerCase();
    const value = tag.value.trim().toLowerCase();
    for (const [pair, codes] of index) {
      const split = pair.indexOf('\u0000');
      if (pair.slice(split + 1) !== value || (key !== undefined && key !== '' && pair.slice(0, split) !== key)) continue;
      // Count each tag once per resource: a resource matches when it met all earlier tags and this one.
      for (const code of codes) if (hits[code] === position) hits[code] = position + 1;
    }
  });
  const out = new Uint8Array(resourceCount);
  for (let code = 0; code < resourceCount; code++) if (hits[code] === tags.length && tags.length > 0) out[code] = 1;
  return out;
}
