// Plans one message against a fake tenant, optionally after a list the analyze skill would have shown.
import type { PlannedAction } from '../../../src/actions/registry';
import type { ActiveListSummary } from '../../../src/planner/activeList';
import { planMessage } from '../../../src/planner/planMessage';
import type { VocabularySource } from '../../../src/planner/vocabularyPort';
import { SYSTEM_VIEWER } from '../../../src/posture/viewer';
import type { AnalyzeFilter } from '../../../src/actions/contracts/analyze';

export function planWith(vocabulary: VocabularySource, text: string, active?: AnalyzeFilter | ActiveListSummary): PlannedAction {
  const activeList = active === undefined ? undefined : 'shown' in active ? (active as ActiveListSummary) : { filter: active as AnalyzeFilter, shown: 5, total: 40 };
  const actions = planMessage(text, { vocabulary, viewer: SYSTEM_VIEWER, hasActiveList: !!activeList, ...(activeList ? { activeList } : {}) });
  expect(actions).toHaveLength(1);
  return actions[0] as PlannedAction;
}

export const filterOf = (action: PlannedAction): unknown => (action.parameters as { filter?: unknown }).filter;
