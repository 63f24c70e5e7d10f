// Follow-up prompts that refine the current answer. Each is a phrase the keyless planner turns into `refine`
// (a test plans every suggestion the demo tenant produces), built from what the answer actually contains.
import type { EngineCapabilities, GroupBy, GroupResult, PostureEngine, PostureFilter } from '../../posture/engine';
import type { Viewer } from '../../posture/viewer';
import { pluralLabel, resourceTypeLabel } from '../../views/postureLabels';
import type { AnalyzeFilter } from '../../actions/contracts/analyze';

const MAX_SUGGESTIONS = 4;

interface SuggestionInput {
  engine: PostureEngine;
  viewer: Viewer;
  capabilities: EngineCapabilities;
  filter: AnalyzeFilter;
  postureFilter: PostureFilter;
  total: number;
  /** The matching rows grouped by resource type when the search counted them already (else grouped here). */
  resourceTypes?: GroupResult;
}

/** The grouping listSuggestions reads, for a search to count with its page (SearchRequest.groupBy). */
export const SUGGESTION_GROUP_BY: GroupBy = 'resourceType';

const GROUP_WORDS: Partial<Record<GroupBy, string>> = { subscription: 'subscription', severity: 'severity', resourceType: 'resource type', owner: 'owner' };

export function listSuggestions(input: SuggestionInput): string[] {
  const { engine, viewer, capabilities, filter, postureFilter, total } = input;
  if (total === 0) return [];
  const out: string[] = [];
  if (!filter.resourceTypes) {
    const types = (input.resourceTypes?.by === SUGGESTION_GROUP_BY ? input.resourceTypes : engine.group(viewer, postureFilter, SUGGESTION_GROUP_BY)).groups;
    // Subscription-level recommendations are not a kind of resource anyone narrows to.
    const top = types.find((t) => t.key.toLowerCase() !== 'microsoft.resources/subscriptions');
    if (top && types.length > 1) out.push(`Just the ${pluralLabel(resourceTypeLabel(top.key)).toLowerCase()}`);
  }
  if (capabilities.hasRiskData && !filter.riskLevels) out.push('Only critical risk');
  else if (capabilities.hasRiskData && filter.riskLevels?.length === 1 && filter.riskLevels[0] === 'Critical') out.push('Include high risk too');
  else if (!capabilities.hasRiskData && !filter.severities) out.push('Only high severity');
  if (capabilities.hasGovernance && !filter.governance) out.push('Only overdue ones');
  if (total > 1) out.push(total > 3 && !filter.subscriptions ? 'Break them down by subscription' : 'Details of the first one');
  return out.slice(0, MAX_SUGGESTIONS);
}

export function countSuggestions(total: number, groupBy: GroupBy = 'severity'): string[] {
  if (total === 0) return [];
  const other = groupBy === 'severity' ? 'subscription' : 'severity';
  return ['Show them', `Break them down by ${GROUP_WORDS[other] ?? other}`];
}
