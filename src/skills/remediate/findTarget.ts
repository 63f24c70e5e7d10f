// Which recommendation a summarize/remediate turn is about: a list position or card ref (the shared target
// resolution), or a name phrase matched against the recommendations this viewer can see, riskiest resource first.
import type { TargetParams, TargetResolution } from '../../actions/contracts/target';
import type { ActionContext } from '../../actions/registry';
import type { PostureEngine, PostureFilter } from '../../posture/engine';
import type { StatusCode } from '../../posture/model';
import type { Reply } from '../../views/reply';

export type FoundTarget =
  | { ok: true; assessmentId: string; /** other open resources with the same recommendation */ others: number }
  | { ok: false; reason: string; /** recommendation names close to the words, for "did you mean" */ closeMatches: string[] };

/** Below this a fuzzy match is a guess, not a match. */
const MIN_SCORE = 0.6;

export function findTarget(
  engine: PostureEngine,
  context: ActionContext<Reply>,
  params: TargetParams & { name?: string | undefined },
  resolveTarget: (context: ActionContext<Reply>, params: TargetParams) => TargetResolution,
  /** Assessment keys the words name in the knowledge base, best first ("sql public network access"). */
  keysFor: (words: string) => string[] = () => [],
): FoundTarget {
  if (params.name === undefined) {
    const resolved = resolveTarget(context, params);
    return resolved.ok ? { ok: true, assessmentId: resolved.assessmentId, others: 0 } : { ok: false, reason: resolved.reason, closeMatches: [] };
  }
  const matches = engine.fuzzyFind(context.viewer, 'recommendation', params.name, 3);
  const best = matches[0];
  const noMatch: FoundTarget = { ok: false, reason: `I found no recommendation named like "${params.name}".`, closeMatches: matches.map((m) => m.value) };
  const pick = (filter: PostureFilter, sameName?: string): FoundTarget | undefined => {
    const rowsOf = (statuses?: StatusCode[]) =>
      engine.search(context.viewer, { filter: { ...filter, ...(statuses ? { statuses } : {}) }, limit: 50 }).items.filter((r) => sameName === undefined || r.displayName.toLowerCase() === sameName.toLowerCase());
    const open = rowsOf(['Unhealthy']);
    const rows = open.length > 0 ? open : rowsOf();
    const first = rows[0];
    return first ? { ok: true, assessmentId: first.assessmentId, others: rows.length - 1 } : undefined;
  };
  if (best && best.score >= MIN_SCORE) return pick({ recommendationText: best.value }, best.value) ?? noMatch;
  for (const key of keysFor(params.name)) {
    const found = pick({ recommendationKeys: [key] });
    if (found) return found;
  }
  return noMatch;
}
