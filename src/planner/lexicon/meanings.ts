// What a matched word or phrase can mean. One phrase may carry several meanings ("severity" is a level qualifier,
// a group-by noun and a field noun); the interpreter picks by the words around it.
import type { Category, Cloud, GovernanceState, RiskFactor, Severity, StatusCode } from '../../posture/model';
import type { AnalyzeFilterField } from '../../actions/contracts/analyze';
import type { GroupByValue } from './conversationConcepts';
import type { SortOrder } from '../../actions/vocabularies';

export type Meaning =
  | { k: 'level'; v: Severity }
  | { k: 'severityWord' }
  | { k: 'riskWord' }
  | { k: 'vulnWord' }
  | { k: 'riskFactor'; v: RiskFactor }
  | { k: 'status'; v: StatusCode }
  | { k: 'category'; v: Category }
  | { k: 'cloud'; v: Cloud }
  | { k: 'governance'; v: GovernanceState }
  | { k: 'attackPath' }
  | { k: 'resourceType'; v: string }
  | { k: 'count' }
  | { k: 'groupNoun'; v: GroupByValue }
  | { k: 'groupPrefix' }
  | { k: 'groupingQuestion'; v: GroupByValue }
  | { k: 'breakdown' }
  | { k: 'sort'; v: SortOrder }
  | { k: 'more' }
  | { k: 'detailsCue' }
  | { k: 'ordinal'; v: number }
  | { k: 'last' }
  | { k: 'positionCue' }
  | { k: 'refineSet' }
  | { k: 'refineAdd' }
  | { k: 'exclude' }
  | { k: 'rangeUp' }
  | { k: 'rangeDown' }
  | { k: 'fieldNoun'; fields: readonly AnalyzeFilterField[] }
  | { k: 'clearPrefix' }
  | { k: 'clearAll' }
  | { k: 'help' }
  | { k: 'greeting' }
  | { k: 'secureScore' }
  | { k: 'dump' }
  | { k: 'dumpWeak' }
  | { k: 'injection' }
  | { k: 'offTopic' }
  | { k: 'otherTask' }
  | { k: 'postureNoun' }
  | { k: 'question' }
  | { k: 'ownerCue' }
  | { k: 'subscriptionCue' }
  | { k: 'resourceGroupCue' }
  | { k: 'tagCue' }
  | { k: 'nameCue' }
  | { k: 'recommendationCue' };

export type MeaningKind = Meaning['k'];

/** Cue words that point the next name at one vocabulary field. */
export const NAME_CUES: ReadonlyArray<{ meaning: Meaning; phrases: readonly string[] }> = [
  { meaning: { k: 'ownerCue' }, phrases: ['owned by', 'owner', 'owner is', 'assigned to', 'belonging to', 'belongs to', 'responsible', 'assignee', 'owners', 'whose owner is'] },
  { meaning: { k: 'subscriptionCue' }, phrases: ['subscription', 'subscriptions', 'sub', 'in subscription', 'aws account', 'gcp project', 'account', 'project'] },
  { meaning: { k: 'resourceGroupCue' }, phrases: ['resource group', 'resource groups', 'rg', 'resourcegroup', 'in rg', 'group'] },
  { meaning: { k: 'tagCue' }, phrases: ['tag', 'tags', 'tagged', 'tagged as', 'tagged with', 'with tag', 'labelled', 'label', 'env', 'environment'] },
  { meaning: { k: 'nameCue' }, phrases: ['named', 'called', 'name', 'names', 'matching', 'containing', 'contains', 'name contains', 'resource named', 'resource called'] },
  { meaning: { k: 'recommendationCue' }, phrases: ['recommendation named', 'recommendation called', 'recommendation about', 'recommendations about', 'recommendations named', 'recommendations mentioning', 'recommendation mentioning', 'recommendations like', 'control named'] },
];
