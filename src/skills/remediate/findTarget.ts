// Which recommendation a summarize/remediate turn is about: a list position or card ref (the shared target
// resolution), or a name phrase matched against the recommendations this viewer can see. The caller asks which one,
// with the candidates as buttons (riskiest first), when the words fit two recommendations about equally well, or,
// with `oneResource` (a script must target the resource meant), when the recommendation is open on several
// resources and the words name none of them. Otherwise the riskiest open resource is taken and `others` says how
// many more have it.
import type { TargetParams, TargetResolution } from '../../actions/contracts/target';
import type { ActionContext } from '../../actions/registry';
import type { PostureEngine, PostureFilter, RecommendationRow } from '../../posture/engine';
import type { Reply } from '../../views/reply';

export type FoundTarget =
  | { ok: true; assessmentId: string; /** other open resources with the same recommendation */ others: number }
  | { ok: false; reason: string; /** recommendation names close to the words, for "did you mean" */ closeMatches: string[] }
  | { ok: 'ambiguous'; /** at most MAX_CANDIDATES, riskiest first */ candidates: RecommendationRow[]; total: number };

/** Below this a fuzzy match is a guess, not a match. */
const MIN_SCORE = 0.6;
/** Buttons on a "which one?" card. */
export const MAX_CANDIDATES = 5;
/** Rows read to find the resource the words name among those with the recommendation. */
const SCAN_LIMIT = 200;
/** Two name matches closer than this are a tie: neither is what the words mean more than the other. */
const TIE = 0.02;

/** Letters and digits only, one space between runs: "sql-billing-prod" and "sql billing prod" read the same. */
const asWords = (text: string) => ` ${text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;

/** The rows whose resource the words name as whole words ("… on sql-billing-prod"), compared without case. */
function namedResources(rows: readonly RecommendationRow[], words: string): RecommendationRow[] {
  const text = asWords(words);
  return rows.filter((row) => {
    const name = asWords(row.resourceName);
    return name.trim().length >= 3 && text.includes(name);
  });
}

export function findTarget(
  engine: PostureEngine,
  context: ActionContext<Reply>,
  params: TargetParams & { name?: string | undefined },
  resolveTarget: (context: ActionContext<Reply>, params: TargetParams) => TargetResolution,
  /** Assessment keys the words name in the knowledge base, best first ("sql public network access"). */
  keysFor: (words: string) => string[] = () => [],
  options: { oneResource?: boolean } = {},
): FoundTarget {
  if (params.name === undefined) {
    const resolved = resolveTarget(context, params);
    return resolved.ok ? { ok: true, assessmentId: resolved.assessmentId, others: 0 } : { ok: false, reason: resolved.reason, closeMatches: [] };
  }
  const words = params.name;
  const matches = engine.fuzzyFind(context.viewer, 'recommendation', words, 3);
  const best = matches[0];
  const noMatch: FoundTarget = { ok: false, reason: `I found no recommendation named like "${words}".`, closeMatches: matches.map((m) => m.value) };
  const pick = (filter: PostureFilter, sameName?: string): FoundTarget | undefined => {
    const rowsOf = (open: boolean) => {
      const found = engine.search(context.viewer, { filter: { ...filter, ...(open ? { statuses: ['Unhealthy' as const] } : {}) }, limit: SCAN_LIMIT });
      const items = found.items.filter((r) => sameName === undefined || r.displayName.toLowerCase() === sameName.toLowerCase());
      return { items, total: sameName === undefined ? found.total : items.length };
    };
    const open = rowsOf(true);
    const { items, total } = open.items.length > 0 ? open : rowsOf(false);
    if (items.length === 0) return undefined;
    const named = namedResources(items, words);
    const first = named.length === 1 ? named[0] : items.length === 1 ? items[0] : undefined;
    if (first) return { ok: true, assessmentId: first.assessmentId, others: Math.max(0, total - 1) };
    if (!options.oneResource && items[0]) return { ok: true, assessmentId: items[0].assessmentId, others: total - 1 };
    const candidates = (named.length > 1 ? named : items).slice(0, MAX_CANDIDATES);
    return { ok: 'ambiguous', candidates, total: named.length > 1 ? named.length : total };
  };
  if (best && best.score >= MIN_SCORE) {
    const tied = matches.filter((m) => m.value.toLowerCase() !== best.value.toLowerCase() && best.score - m.score < TIE);
    if (tied.length > 0) {
      // The riskiest open resource of each tied recommendation.
      const riskiest = (name: string) =>
        engine.search(context.viewer, { filter: { recommendationText: name, statuses: ['Unhealthy'] }, limit: 20 }).items.find((r) => r.displayName.toLowerCase() === name.toLowerCase());
      const candidates = [best, ...tied].flatMap((m) => riskiest(m.value) ?? []);
      if (candidates.length > 1) return { ok: 'ambiguous', candidates: candidates.slice(0, MAX_CANDIDATES), total: candidates.length };
    }
    return pick({ recommendationText: best.value }, best.value) ?? noMatch;
  }
  for (const key of keysFor(words)) {
    const found = pick({ recommendationKeys: [key] });
    if (found) return found;
  }
  return noMatch;
}
