// Card buttons name a recommendation by a short opaque ref derived from its assessment id, never by a position in
// whichever list is newest. The conversation keeps the recommendations it was shown (the most recent
// MAX_SHOWN_REFS), so a button on an older card keeps working while the recommendation exists; a ref it was never
// shown is refused.
// Stored compactly (shape version 2, shownRefsShape.ts): the ids split into a dictionary of parts, no refs (each is
// derived from its id again when a button is pressed). Version 1, [ref, id] pairs, is still read.
import { createHash } from 'node:crypto';
import type { ConversationMemory } from '../registry';
import { decodeShown, encodeShown, type ShownEntry } from './shownRefsShape';

export const SHOWN_REFS_KEY = 'shownRefs';
export const MAX_SHOWN_REFS = 300;

/** The same recommendation always gets the same ref: 16 URL-safe characters, no resource names in card data. */
export function recommendationRef(assessmentId: string): string {
  return `r${createHash('sha256').update(assessmentId.toLowerCase()).digest('base64url').slice(0, 15)}`;
}

/** Conversation state is JSON from earlier turns (or another process): anything malformed counts as nothing shown. */
const read = (conversation: ConversationMemory): ShownEntry[] => decodeShown(conversation.get(SHOWN_REFS_KEY), MAX_SHOWN_REFS * 2);

/**
 * Entries name the same recommendation when their refs are equal: a stored ref when the entry has one, else the
 * id's lower case (what the ref is derived from). Lower-casing is memoised per distinct id text.
 */
function keyer(): (entry: ShownEntry) => string {
  const lower = new Map<string, string>();
  return (entry) => {
    if (entry.ref !== undefined) return `#${entry.ref}`;
    let key = lower.get(entry.id);
    if (key === undefined) {
      key = entry.id.toLowerCase();
      lower.set(entry.id, key);
    }
    return key;
  };
}

function keepNewest(entries: readonly ShownEntry[]): ShownEntry[] {
  const keyOf = keyer();
  const byKey = new Map<string, ShownEntry>();
  // Re-shown recommendations move to the end: the newest MAX_SHOWN_REFS distinct ones are kept.
  for (const entry of entries) {
    const key = keyOf(entry);
    byKey.delete(key);
    byKey.set(key, entry);
  }
  return [...byKey.values()].slice(-MAX_SHOWN_REFS);
}

/** A version-1 pair whose ref is not the one its id derives (none are written so) keeps its ref; others drop it. */
function normalise(entries: readonly ShownEntry[]): ShownEntry[] {
  return entries.map((entry) => (entry.ref !== undefined && entry.ref === recommendationRef(entry.id) ? { id: entry.id } : entry));
}

/** Another process's turn may have shown other rows meanwhile: keep both. */
function mergeShown(base: unknown, mine: unknown, fresh: unknown): unknown {
  const keyOf = keyer();
  const before = new Set(normalise(decodeShown(base, MAX_SHOWN_REFS * 2)).map(keyOf));
  const merged = [...normalise(decodeShown(fresh, MAX_SHOWN_REFS * 2)), ...normalise(decodeShown(mine, MAX_SHOWN_REFS * 2)).filter((entry) => !before.has(keyOf(entry)))];
  return encodeShown(keepNewest(merged));
}

/** Records that this conversation was shown these recommendations; returns their refs in the same order. */
export function rememberShown(conversation: ConversationMemory, assessmentIds: readonly string[]): string[] {
  const refs = assessmentIds.map(recommendationRef);
  const stored = conversation.get(SHOWN_REFS_KEY);
  const earlier = read(conversation);
  // Version-1 state is rewritten in version 2 on its first turn here; its refs are checked against their ids once.
  const current = Array.isArray(stored) ? normalise(earlier) : earlier;
  conversation.set(SHOWN_REFS_KEY, encodeShown(keepNewest([...current, ...assessmentIds.map((id) => ({ id }))])), mergeShown);
  return refs;
}

/** The assessment a ref stands for, if this conversation was shown it (recently enough). */
export function resolveShown(conversation: ConversationMemory, ref: string): string | undefined {
  const entries = read(conversation);
  for (const entry of entries) if ((entry.ref ?? recommendationRef(entry.id)) === ref) return entry.id;
  return undefined;
}
