// How the recommendations a conversation was shown are stored in its state (shownRefs.ts), read every list turn.
// Version 2: `{ schemaVersion: 2, parts, ids, refs? }`. Each id is cut into three parts: its resource (up to the
// last '/providers/' before its last '/'), that providers segment, and the assessment name after the last '/'.
// `parts` holds each distinct part once, sorted, each written as `<n>:<rest>`: the first n characters of the part
// before it, then the rest (front coding: resource ids share subscriptions and groups). `ids` holds three part
// indexes per entry, oldest first; `refs` lists [entry, ref] for the rare entry whose button ref is not the one
// derived from its id. Ids repeat their parts a lot (ten rows of one resource, one recommendation on many
// resources), so this is a fraction of version 1.
// Version 1 (no version field): an array of [ref, id] pairs. Both are read; anything malformed reads as nothing.
import { readableBy } from '../../storage/storedShape';

export const SHOWN_SHAPE_VERSION = 2;
const MAX_ID_CHARS = 2000;
const MAX_REF_CHARS = 64;

export interface ShownEntry {
  id: string;
  /** Only where the stored ref is not the one derived from the id. */
  ref?: string;
}

export interface StoredShownV2 {
  schemaVersion: number;
  readableFrom?: number;
  parts: string[];
  ids: number[];
  refs?: Array<[number, string]>;
}

const isShortString = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max;

function decodeV1(value: unknown[], maxEntries: number): ShownEntry[] {
  if (value.length > maxEntries) return [];
  const entries: ShownEntry[] = [];
  for (const pair of value) {
    if (!Array.isArray(pair) || pair.length !== 2 || !isShortString(pair[0], MAX_REF_CHARS) || !isShortString(pair[1], MAX_ID_CHARS)) return [];
    entries.push({ id: pair[1], ref: pair[0] });
  }
  return entries;
}

/** The front-coded parts, or undefined when one is malformed. */
function decodeParts(coded: unknown[]): string[] | undefined {
  const parts: string[] = [];
  let previous = '';
  for (const item of coded) {
    if (typeof item !== 'string') return undefined;
    const colon = item.indexOf(':');
    const shared = colon > 0 && colon <= 4 ? Number(item.slice(0, colon)) : NaN;
    if (!Number.isInteger(shared) || shared < 0 || shared > previous.length) return undefined;
    const part = previous.slice(0, shared) + item.slice(colon + 1);
    if (part.length > MAX_ID_CHARS) return undefined;
    parts.push(part);
    previous = part;
  }
  return parts;
}

function decodeV2(value: Record<string, unknown>, maxEntries: number): ShownEntry[] {
  const { parts: coded, ids, refs } = value;
  if (!Array.isArray(coded) || !Array.isArray(ids) || ids.length % 3 !== 0 || ids.length > maxEntries * 3 || coded.length > ids.length) return [];
  const parts = decodeParts(coded);
  if (!parts) return [];
  const entries: ShownEntry[] = [];
  for (let i = 0; i < ids.length; i += 3) {
    let id = '';
    for (let j = i; j < i + 3; j += 1) {
      const at: unknown = ids[j];
      const part = Number.isInteger(at) ? parts[at as number] : undefined;
      if (part === undefined) return [];
      id += part;
    }
    if (id.length > MAX_ID_CHARS) return [];
    entries.push({ id });
  }
  if (refs !== undefined) {
    if (!Array.isArray(refs)) return [];
    for (const pair of refs) {
      if (!Array.isArray(pair) || pair.length !== 2 || !Number.isInteger(pair[0]) || !isShortString(pair[1], MAX_REF_CHARS)) return [];
      const entry = entries[pair[0] as number];
      if (!entry) return [];
      entry.ref = pair[1];
    }
  }
  return entries;
}

/** The stored entries, oldest first; malformed, too many, or written for newer readers only: none. */
export function decodeShown(value: unknown, maxEntries: number): ShownEntry[] {
  if (Array.isArray(value)) return decodeV1(value, maxEntries);
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  if (typeof record.schemaVersion !== 'number' || record.schemaVersion < SHOWN_SHAPE_VERSION || !readableBy(record, SHOWN_SHAPE_VERSION)) return [];
  return decodeV2(record, maxEntries);
}

const PROVIDERS = '/providers/';

/** An id's resource, providers segment and name (either of the first two may be empty). */
function cut(id: string): [string, string, string] {
  const name = id.lastIndexOf('/') + 1;
  const providers = name > 1 ? id.lastIndexOf(PROVIDERS, name - 2) : -1;
  const middle = providers > 0 ? providers : name;
  return [id.slice(0, middle), id.slice(middle, name), id.slice(name)];
}

export function encodeShown(entries: readonly ShownEntry[]): StoredShownV2 {
  const cuts = entries.map((entry) => cut(entry.id));
  const sorted = [...new Set(cuts.flat())].sort();
  const index = new Map(sorted.map((part, i) => [part, i]));
  let previous = '';
  const parts = sorted.map((part) => {
    const limit = Math.min(part.length, previous.length, 9999);
    let shared = 0;
    while (shared < limit && part.charCodeAt(shared) === previous.charCodeAt(shared)) shared += 1;
    previous = part;
    return `${shared}:${part.slice(shared)}`;
  });
  const ids = cuts.flatMap((pieces) => pieces.map((part) => index.get(part) ?? 0));
  const refs: Array<[number, string]> = [];
  entries.forEach((entry, i) => {
    if (entry.ref !== undefined) refs.push([i, entry.ref]);
  });
  return { schemaVersion: SHOWN_SHAPE_VERSION, parts, ids, ...(refs.length > 0 ? { refs } : {}) };
}
