// "Which one?": the same recommendation is open on several resources and the words did not say which. Each
// candidate gets a button for the action that was asked (summarize or remediate), carrying a ref to that row.
import type { RecommendationRow } from '../../posture/engine';
import type { ChoiceView } from '../../views/choiceView';
import { withoutLinks } from '../../views/portalLinks';
import { resourceTypeLabel } from '../../views/postureLabels';

export interface ChoiceInput {
  verb: 'summarize' | 'remediate';
  candidates: readonly RecommendationRow[];
  /** Refs for the candidates, in the same order (remembered as shown in this conversation). */
  refs: readonly string[];
  total: number;
  hasRiskData: boolean;
}

export function buildChoiceView({ verb, candidates, refs, total, hasRiskData }: ChoiceInput): ChoiceView {
  const names = new Set(candidates.map((row) => row.displayName));
  const [only] = names;
  const what = names.size === 1 && only ? `"${withoutLinks(only)}" is open on ${total} resources` : `${total} open recommendations fit those words`;
  const more = total - candidates.length;
  return {
    title: 'Which one?',
    intro: `${what}. Pick one to ${verb === 'remediate' ? 'see how to fix it' : 'summarize'}:`,
    choices: candidates.map((row, i) => ({
      title: row.resourceName,
      detail: [
        ...(names.size > 1 ? [withoutLinks(row.displayName)] : []),
        resourceTypeLabel(row.resourceType),
        ...(row.resourceGroup ? [row.resourceGroup] : []),
        hasRiskData && row.riskLevel ? `${row.riskLevel} risk` : `${row.severity} severity`,
      ].join(' · '),
      buttonTitle: verb === 'remediate' ? 'Show fix' : 'Summarize',
      verb,
      ref: refs[i] ?? '',
    })),
    more: more > 0 ? `${more} more ${more === 1 ? 'is' : 'are'} not shown: add the resource's name to your question to pick one of them.` : '',
  };
}
