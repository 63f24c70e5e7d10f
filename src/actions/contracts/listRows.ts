// The rows the active list remembers (ActiveList.refs), as stored: each the row's card ref (recommendationRef, 16
// characters), resolved through the refs this conversation was shown (shownRefs.ts: its log or its state), so the
// list does not keep a second copy of ten long assessment ids in the state every turn hashes and saves. Lists stored
// by earlier versions hold the assessment ids themselves: they are read as they are (the two may mix after a
// "Show more" on such a list), as are the rows a list taken up again fetches (rowsById: except an id shaped like a
// card ref, which is stored by its own ref, so a row is never read as the wrong kind). A ref is the hash of an id, so
// it resolves the same on any replica and after a posture reload; whether the recommendation is still in the data is
// the caller's lookup, as before.
import type { ConversationMemory } from '../registry';
import type { ActiveList } from './activeList';
import { recommendationRef, rememberShown, resolveShown } from './shownRefs';

const CARD_REF = /^r[A-Za-z0-9_-]{15}$/;

/** A stored row that is a card ref (this version) rather than an assessment id (earlier versions: ARM paths). */
export const isCardRef = (row: string): boolean => row.length === 16 && CARD_REF.test(row);

/**
 * The assessment id of the list's row at `index` (0-based). Undefined when the list remembers no row there, or when
 * its ref has left the conversation's shown refs (only after MAX_SHOWN_REFS other recommendations were shown since).
 */
export function listRowId(conversation: ConversationMemory, list: Pick<ActiveList, 'refs'>, index: number): string | undefined {
  const row = list.refs[index];
  if (row === undefined) return undefined;
  return isCardRef(row) ? resolveShown(conversation, row) : row;
}

/** Whether the list's row at `index` stands for this assessment (a fetched row checked against the one shown). */
export function isListRow(list: Pick<ActiveList, 'refs'>, index: number, assessmentId: string): boolean {
  const row = list.refs[index];
  return row !== undefined && (isCardRef(row) ? row === recommendationRef(assessmentId) : row === assessmentId);
}

/** The 1-based position of an assessment among the list's remembered rows; 0 when it is not one of them. */
export function listRowPosition(list: Pick<ActiveList, 'refs'>, assessmentId: string): number {
  // Each row as the kind it is: an id that spells another row's card ref is not that row.
  const ref = recommendationRef(assessmentId);
  return list.refs.findIndex((row) => (isCardRef(row) ? row === ref : row === assessmentId)) + 1;
}

/**
 * Rows to remember by id (a list taken up again: rows shown on an older card, fetched again). The data names its
 * rows freely, so an id shaped like a card ref would be read as one (and resolve to whichever row that ref stands
 * for): such an id is remembered by its own card ref instead, recorded in the shown refs. Any other id is kept as it is.
 */
export function rowsById(conversation: ConversationMemory, assessmentIds: readonly string[]): string[] {
  const refShaped = assessmentIds.filter(isCardRef);
  if (refShaped.length === 0) return [...assessmentIds];
  const remembered = rememberShown(conversation, refShaped);
  const refs = new Map(refShaped.map((id, i) => [id, remembered[i]!] as const));
  return assessmentIds.map((id) => refs.get(id) ?? id);
}
