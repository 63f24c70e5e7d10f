// Card refs of assessment ids: `r` + 15 base64url characters of the id's sha256 (lower-cased). A list turn shows ten
// rows and a sha256 one-shot digest costs about as much as the rest of remembering them, while the same
// recommendations come back in list after list (the top rows of a tenant, Show more, details, other people's lists).
// So the refs of up to REF_MEMO_LIMIT ids are kept (when full, the one added first goes: ~1 MB at most, ids
// included). The digest is unchanged, so refs on cards already sent stay valid.
import { hash } from 'node:crypto';

export const REF_MEMO_LIMIT = 4096;

/** A function that gives each assessment id its ref, remembering the refs of up to `limit` ids. */
export function createRecommendationRefs(limit: number = REF_MEMO_LIMIT): (assessmentId: string) => string {
  const known = new Map<string, string>();
  return (assessmentId) => {
    const kept = known.get(assessmentId);
    if (kept !== undefined) return kept;
    const ref = `r${hash('sha256', assessmentId.toLowerCase(), 'base64url').slice(0, 15)}`;
    if (known.size >= limit) {
      const oldest = known.keys().next();
      if (!oldest.done) known.delete(oldest.value);
    }
    known.set(assessmentId, ref);
    return ref;
  };
}
