// Words that steer the conversation rather than filter: counts, breakdowns, paging, ordinals, follow-up cues.
import type { AnalyzeFilterField } from '../../actions/contracts/analyze';
import type { Grouping, SortOrder } from '../../actions/vocabularies';

/** The groupings a phrase can name: the shared vocabulary (src/actions/vocabularies.ts). */
export type GroupByValue = Grouping;

export const COUNT_WORDS: readonly string[] = [
  'how many', 'number of', 'count', 'count of', 'total', 'total number', 'how much', 'tally', 'quantity of', 'amount of', 'count them',
  'percentage', 'percent', 'proportion', 'ratio',
];

/** "by X" or "per X": a breakdown; a group-by word said alone ("breakdown") groups by severity. */
export const GROUP_BY_NOUNS: ReadonlyArray<{ value: GroupByValue; phrases: readonly string[] }> = [
  { value: 'severity', phrases: ['severity', 'severities', 'sev'] },
  { value: 'riskLevel', phrases: ['risk level', 'risk levels', 'risk', 'risk rating'] },
  { value: 'resourceType', phrases: ['resource type', 'resource types', 'type', 'types', 'kind of resource', 'resource kind'] },
  { value: 'subscription', phrases: ['subscription', 'subscriptions', 'sub', 'subs', 'account', 'accounts'] },
  { value: 'owner', phrases: ['owner', 'owners', 'assignee', 'assignees', 'person', 'team'] },
  { value: 'category', phrases: ['category', 'categories', 'area', 'areas'] },
  { value: 'cloud', phrases: ['cloud', 'clouds', 'cloud provider', 'provider', 'providers', 'environment'] },
  { value: 'recommendation', phrases: ['recommendation', 'recommendations', 'control', 'controls', 'check'] },
  { value: 'governance', phrases: ['governance', 'governance state', 'due status', 'assignment status'] },
  { value: 'riskFactor', phrases: ['risk factor', 'risk factors', 'factor', 'factors'] },
];
export const GROUP_BY_PREFIXES: readonly string[] = ['by', 'per', 'grouped by', 'group by', 'broken down by', 'break down by', 'breakdown by', 'split by', 'across', 'for each', 'each'];
/** Questions that are answered with a breakdown ("who owns the most overdue items"). */
export const GROUPING_QUESTIONS: ReadonlyArray<{ value: GroupByValue; phrases: readonly string[] }> = [
  { value: 'owner', phrases: ['who owns', 'who owns the most', 'which owners', 'which owner', 'who has the most', 'whose are', 'who is responsible for the most'] },
  { value: 'subscription', phrases: ['which subscriptions', 'which subscription', 'what subscriptions', 'which subscription has the most', 'which subscriptions have the most'] },
  { value: 'resourceType', phrases: ['which resource types', 'what resource types', 'which types of resources', 'what kinds of resources', 'which kinds of resources'] },
  { value: 'category', phrases: ['which categories', 'what categories'] },
  { value: 'recommendation', phrases: ['which recommendations are most common', 'most common recommendations', 'top recommendations by count'] },
];
export const BREAKDOWN_WORDS: readonly string[] = ['breakdown', 'break down', 'broken down', 'distribution', 'split', 'grouped', 'summary', 'summarize', 'summarise', 'overview', 'stats', 'statistics', 'big picture', 'at a glance', 'dashboard'];

export const SORT_PHRASES: ReadonlyArray<{ value: SortOrder; phrases: readonly string[] }> = [
  { value: 'dueDate', phrases: ['due soon', 'due this week', 'due next week', 'coming due', 'upcoming', 'upcoming due dates', 'by due date', 'sorted by due date', 'sort by due date', 'order by due date', 'ordered by due date', 'soonest due', 'due soonest', 'earliest due date'] },
  { value: 'severity', phrases: ['sorted by severity', 'sort by severity', 'order by severity', 'ordered by severity', 'most severe first'] },
  { value: 'risk', phrases: ['sorted by risk', 'sort by risk', 'order by risk', 'ordered by risk', 'riskiest first', 'most risky first'] },
];

export const SHOW_MORE_PHRASES: readonly string[] = [
  'show more', 'more', 'next', 'next page', 'next one s', 'next ones', 'load more', 'see more', 'more please', 'more results',
  'keep going', 'continue', 'go on', 'the rest', 'show the rest', 'rest of them', 'page 2', 'next batch', 'give me more', 'more of them',
];

export const DETAILS_CUES: readonly string[] = [
  'details', 'detail', 'details of', 'details for', 'details on', 'tell me about', 'tell me more about', 'more about', 'more on',
  'more info', 'more information', 'info on', 'info about', 'describe', 'explain', 'open', 'expand', 'drill into', 'drill down',
  'what about', 'zoom in on', 'look at', 'select', 'pick',
];

export const ORDINAL_WORDS: ReadonlyArray<{ value: number; phrases: readonly string[] }> = [
  { value: 1, phrases: ['first', '1st', 'top one', 'first one', 'one'] },
  { value: 2, phrases: ['second', '2nd', 'two'] },
  { value: 3, phrases: ['third', '3rd', 'three'] },
  { value: 4, phrases: ['fourth', '4th', 'four'] },
  { value: 5, phrases: ['fifth', '5th', 'five'] },
  { value: 6, phrases: ['sixth', '6th', 'six'] },
  { value: 7, phrases: ['seventh', '7th', 'seven'] },
  { value: 8, phrases: ['eighth', '8th', 'eight'] },
  { value: 9, phrases: ['ninth', '9th', 'nine'] },
  { value: 10, phrases: ['tenth', '10th', 'ten'] },
];
export const LAST_WORDS: readonly string[] = ['last', 'last one', 'final one', 'bottom one'];
/** Words that announce a number is a position: "#3", "number 3", "item 3". */
export const POSITION_CUES: readonly string[] = ['number', 'no', 'item', 'row', 'entry', 'nr', 'num', 'position'];

export const REFINE_SET_CUES: readonly string[] = [
  'just', 'only', 'just the', 'only the', 'narrow to', 'narrow down to', 'filter to', 'filter by', 'limit to', 'restrict to',
  'now', 'now only', 'instead', 'switch to', 'change to', 'of these', 'of those', 'of them', 'among them', 'among those',
  'from these', 'from those', 'from this list', 'in this list', 'in these', 'those', 'these', 'them', 'which of them', 'which ones',
  'what about', 'how about', 'what if', 'and what about', 'ok now', 'okay now', 'same but', 'same for', 'same thing for',
];
export const REFINE_ADD_CUES: readonly string[] = ['include', 'including', 'also', 'too', 'as well', 'plus', 'add', 'and also', 'along with', 'together with'];
export const EXCLUDE_CUES: readonly string[] = [
  'exclude', 'excluding', 'without', 'except', 'except for', 'but not', 'not', 'non', 'remove', 'drop', 'hide', 'ignore', 'leave out',
  'minus', 'no', 'anything but', 'everything but', 'all but', 'other than', 'apart from', 'besides', 'not in', 'not on', 'outside',
  'outside of', 'aside from',
];
export const RANGE_UP_WORDS: readonly string[] = ['and above', 'or above', 'or higher', 'and higher', 'and up', 'at least', 'or worse', 'or more', 'and worse', 'minimum', 'above'];
export const RANGE_DOWN_WORDS: readonly string[] = ['and below', 'or below', 'or lower', 'and lower', 'at most', 'or less', 'below'];

/** Field nouns for "any severity", "all subscriptions": clearing one filter of the current list. */
export const FIELD_NOUNS: ReadonlyArray<{ fields: readonly AnalyzeFilterField[]; phrases: readonly string[] }> = [
  { fields: ['severities'], phrases: ['severity', 'severities'] },
  { fields: ['riskLevels'], phrases: ['risk level', 'risk levels', 'risk'] },
  { fields: ['riskFactors'], phrases: ['risk factor', 'risk factors', 'factors'] },
  { fields: ['statuses'], phrases: ['status', 'statuses', 'state'] },
  { fields: ['categories'], phrases: ['category', 'categories'] },
  { fields: ['clouds'], phrases: ['cloud', 'clouds', 'providers'] },
  { fields: ['resourceTypes'], phrases: ['resource type', 'resource types', 'type', 'types', 'resources'] },
  { fields: ['subscriptions'], phrases: ['subscription', 'subscriptions', 'accounts'] },
  { fields: ['resourceGroups'], phrases: ['resource group', 'resource groups', 'groups'] },
  { fields: ['owners', 'governance'], phrases: ['owner', 'owners', 'assignee', 'assignees'] },
  { fields: ['tags'], phrases: ['tag', 'tags', 'environment', 'environments'] },
  { fields: ['findingSeverities'], phrases: ['vulnerability severity', 'finding severity'] },
];
export const CLEAR_PREFIXES: readonly string[] = ['any', 'all', 'every', 'regardless of', 'whatever', 'no filter on', 'remove the filter on', 'clear the', 'clear', 'drop the', 'any kind of'];
export const CLEAR_ALL_PHRASES: readonly string[] = ['clear filters', 'clear all filters', 'reset filters', 'remove filters', 'remove all filters', 'no filters', 'start over', 'reset', 'from scratch'];
