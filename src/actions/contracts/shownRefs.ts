// Card buttons name a recommendation by a short opaque ref derived from its assessment id, never by a position in
// whichever list is newest. The conversation keeps the refs it was shown (the most recent MAX_SHOWN_REFS), so a
// button on an older card keeps working while the recommendation exists; a ref it was never shown is refused.
// Where the storage keeps a log beside the state (SQLite: src/storage/shownRefLog.ts), the pairs live there and the
// state holds only a marker (shape 2), so a list turn neither reads nor rewrites the older refs. Elsewhere (and in
// state written before the log existed) the state holds the pairs themselves (shape 1): they are still read, and
// moved into the log the first time that conversation is shown something again.
import { isLoggedShownRefs, newestPairs, SHOWN_REF_LOG_KEY, SHOWN_REFS_FIELD, shownRefLogOf, type ShownRefLog } from '../../storage/shownRefLog';
import type { ConversationMemory } from '../registry';
import { createRecommendationRefs } from './recommendationRefs';

export const SHOWN_REFS_KEY = SHOWN_REFS_FIELD;
export const MAX_SHOWN_REFS = 300;

/** [ref, assessment id] pairs, oldest first. */
type ShownRefs = Array<[string, string]>;
const MAX_PAIRS = MAX_SHOWN_REFS * 2;

/** Shape 2: the pairs are in the conversation's log; `shown` counts the pairs it was given (so the state changes). */
interface LoggedShownRefs {
  schemaVersion: 2;
  shown: number;
}

const isLogged = (value: unknown): value is LoggedShownRefs => isLoggedShownRefs(value);

const logOf = (conversation: ConversationMemory): ShownRefLog | undefined => shownRefLogOf({ [SHOWN_REF_LOG_KEY]: conversation.get(SHOWN_REF_LOG_KEY) });

/** A [ref, assessment id] pair: two strings of at most 64 and 2000 characters, nothing else. */
const isPair = (pair: unknown): pair is [string, string] =>
  Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string' && pair[0].length <= 64 && typeof pair[1] === 'string' && pair[1].length <= 2000;

/** The same recommendation always gets the same ref: 16 URL-safe characters, no resource names in card data. */
export const recommendationRef: (assessmentId: string) => string = createRecommendationRefs();

/**
 * Conversation state is JSON from earlier turns (or another process): anything malformed counts as nothing shown.
 * A plain check, read every turn: up to 600 pairs through a zod tuple schema cost more than the rest of this file.
 */
function parse(value: unknown): ShownRefs {
  return Array.isArray(value) && value.length <= MAX_PAIRS && value.every(isPair) ? (value as ShownRefs) : [];
}

const read = (conversation: ConversationMemory): ShownRefs => parse(conversation.get(SHOWN_REFS_KEY));

/** Re-shown refs move to the end: the newest MAX_SHOWN_REFS distinct ones are kept (the log's own rule). */
const keepNewest = (pairs: ShownRefs): ShownRefs => newestPairs([pairs], MAX_SHOWN_REFS);

/** Another process's turn may have shown other rows meanwhile: keep both. */
function mergeShown(base: unknown, mine: unknown, fresh: unknown): ShownRefs {
  const before = new Set(parse(base).map(([ref]) => ref));
  return keepNewest([...parse(fresh), ...parse(mine).filter(([ref]) => !before.has(ref))]);
}

/** Another turn logged pairs meanwhile: both turns' pairs are in the log; the count says how many in all. */
function mergeLogged(base: unknown, mine: unknown, fresh: unknown): LoggedShownRefs {
  const added = (isLogged(mine) ? mine.shown : 0) - (isLogged(base) ? base.shown : 0);
  return { schemaVersion: 2, shown: (isLogged(fresh) ? fresh.shown : 0) + Math.max(0, added) };
}

/** Records that this conversation was shown these recommendations; returns their refs in the same order. */
export function rememberShown(conversation: ConversationMemory, assessmentIds: readonly string[]): string[] {
  const refs = assessmentIds.map(recommendationRef);
  const pairs = refs.map((ref, i): [string, string] => [ref, assessmentIds[i] ?? '']);
  const log = logOf(conversation);
  if (log) {
    const stored = conversation.get(SHOWN_REFS_KEY);
    const before = isLogged(stored) ? stored.shown : 0;
    // Pairs still in the state (shape 1) move into the log first, oldest first, so none is forgotten early.
    const moved = isLogged(stored) ? [] : keepNewest(read(conversation));
    const appended = [...moved, ...pairs];
    log.append(appended, { shownBefore: before, limit: MAX_SHOWN_REFS });
    conversation.set<LoggedShownRefs>(SHOWN_REFS_KEY, { schemaVersion: 2, shown: before + appended.length }, mergeLogged);
    return refs;
  }
  conversation.set<ShownRefs>(SHOWN_REFS_KEY, keepNewest([...read(conversation), ...pairs]), mergeShown);
  return refs;
}

/** The assessment a ref stands for, if this conversation was shown it (recently enough). */
export function resolveShown(conversation: ConversationMemory, ref: string): string | undefined {
  const log = logOf(conversation);
  if (log && isLogged(conversation.get(SHOWN_REFS_KEY))) return log.lookup(ref, MAX_SHOWN_REFS);
  for (const [shownRef, id] of read(conversation)) if (shownRef === ref) return id;
  return undefined;
}
