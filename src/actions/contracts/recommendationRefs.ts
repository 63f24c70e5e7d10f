// Card refs of assessment ids: `r` + 15 base64url characters of the id's sha256 (lower-cased). A list turn shows ten
// rows and a sha256 one-shot digest costs about as much as the rest of remembering them, while the same
// recommendations come back in list after list (the top rows of a tenant, Show more, details, other people's lists).
// So the refs of the ids asked for most recently are kept, in two generations: when the newer one is full it becomes
// the older one and the older one is dropped whole (no per-entry eviction: deleting a Map's oldest entries one by
// one makes each next lookup of the oldest skip the holes). The digest is unchanged, so refs on cards already sent
// stay valid.
import { hash } from 'node:crypto';

export const REF_MEMO_LIMIT = 4096;

const digestRef = (assessmentId: string) => `r${hash('sha256', assessmentId.toLowerCase(), 'base64url').slice(0, 15)}`;

/**
 * A function that gives each assessment id its ref, keeping the refs of the ids asked for most recently: at least
 * the last `limit / 2`, at most `limit` (about 1 MB at the default, ids included).
 */
export function createRecommendationRefs(limit: number = REF_MEMO_LIMIT): (assessmentId: string) => string {
  const half = Math.max(1, Math.floor(limit / 2));
  let newer = new Map<string, string>();
  let older = new Map<string, string>();
  return (assessmentId) => {
    const kept = newer.get(assessmentId);
    if (kept !== undefined) return kept;
    const ref = older.get(assessmentId) ?? digestRef(assessmentId);
    if (newer.size >= half) {
      older = newer;
      newer = new Map();
    }
    newer.set(assessmentId, ref);
    return ref;
  };
}
