// Card buttons name a recommendation by a short opaque ref derived from its assessment id, never by a position in
// whichever list is newest. The conversation keeps the refs it was shown (the most recent MAX_SHOWN_REFS), so a
// button on an older card keeps working while the recommendation exists; a ref it was never shown is refused.
import { createHash } from 'node:crypto';
import type { ConversationMemory } from '../registry';

export const SHOWN_REFS_KEY = 'shownRefs';
export const MAX_SHOWN_REFS = 300;

/** [ref, assessment id] pairs, oldest first. */
type ShownRefs = Array<[string, string]>;
const MAX_PAIRS = MAX_SHOWN_REFS * 2;

/** A [ref, assessment id] pair: two strings of at most 64 and 2000 characters, nothing else. */
const isPair = (pair: unknown): pair is [string, string] =>
  Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string' && pair[0].length <= 64 && typeof pair[1] === 'string' && pair[1].length <= 2000;

/** The same recommendation always gets the same ref: 16 URL-safe characters, no resource names in card data. */
export function recommendationRef(assessmentId: string): string {
  return `r${createHash('sha256').update(assessmentId.toLowerCase()).digest('base64url').slice(0, 15)}`;
}

/**
 * Conversation state is JSON from earlier turns (or another process): anything malformed counts as nothing shown.
 * A plain check, read every turn: up to 600 pairs through a zod tuple schema cost more than the rest of this file.
 */
function parse(value: unknown): ShownRefs {
  return Array.isArray(value) && value.length <= MAX_PAIRS && value.every(isPair) ? (value as ShownRefs) : [];
}

const read = (conversation: ConversationMemory): ShownRefs => parse(conversation.get(SHOWN_REFS_KEY));

function keepNewest(pairs: ShownRefs): ShownRefs {
  const byRef = new Map<string, string>();
  // Re-shown refs move to the end: the newest MAX_SHOWN_REFS distinct ones are kept.
  for (const [ref, id] of pairs) {
    byRef.delete(ref);
    byRef.set(ref, id);
  }
  return [...byRef].slice(-MAX_SHOWN_REFS);
}

/** Another process's turn may have shown other rows meanwhile: keep both. */
function mergeShown(base: unknown, mine: unknown, fresh: unknown): ShownRefs {
  const before = new Set(parse(base).map(([ref]) => ref));
  return keepNewest([...parse(fresh), ...parse(mine).filter(([ref]) => !before.has(ref))]);
}

/** Records that this conversation was shown these recommendations; returns their refs in the same order. */
export function rememberShown(conversation: ConversationMemory, assessmentIds: readonly string[]): string[] {
  const refs = assessmentIds.map(recommendationRef);
  const pairs = refs.map((ref, i): [string, string] => [ref, assessmentIds[i] ?? '']);
  conversation.set<ShownRefs>(SHOWN_REFS_KEY, keepNewest([...read(conversation), ...pairs]), mergeShown);
  return refs;
}

/** The assessment a ref stands for, if this conversation was shown it (recently enough). */
export function resolveShown(conversation: ConversationMemory, ref: string): string | undefined {
  for (const [shownRef, id] of read(conversation)) if (shownRef === ref) return id;
  return undefined;
}
