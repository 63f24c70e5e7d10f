// The keyless planner's pure core: one message (plus what the conversation shows) in, registry actions out.
import type { PlannedAction } from '../actions/registry';
import type { OutOfScopeReason } from '../actions/vocabularies';
import type { Viewer } from '../posture/viewer';
import type { AnalyzeFilter, AnalyzeFilterField } from '../actions/contracts/analyze';
import type { ActiveListSummary } from './activeList';
import { createConceptLexicon, type ConceptLexicon } from './conceptLexicon';
import { buildFilter, type FilterDraft, type LevelField } from './filterBuilder';
import { resolveFollowUp } from './followUp';
import type { MeaningKind } from './lexicon/meanings';
import { scanMessage, type ScannedMessage } from './messageScan';
import { planChangeIntent } from './changeIntents';
import { planInsightIntent } from './insightIntents';
import { planRemediateIntent } from './remediateIntents';
import { planIacIntent } from './iacIntents';
import { complement } from './exclusions';
import { bindVocabulary, tenantHasRiskData, type BoundVocabulary, type VocabularySource } from './vocabularyPort';

export interface PlanningContext {
  vocabulary: VocabularySource;
  viewer: Viewer;
  hasActiveList: boolean;
  /** The list on screen, when the skill stored one. */
  activeList?: ActiveListSummary;
  /** Built once per planner; a default is built on first use otherwise. */
  lexicon?: ConceptLexicon;
}

let defaultLexicon: ConceptLexicon | undefined;
const lexiconOf = (context: PlanningContext) => context.lexicon ?? (defaultLexicon ??= createConceptLexicon());

const action = (name: string, parameters: Record<string, unknown>): PlannedAction[] => [{ name, parameters }];
const outOfScope = (reason: OutOfScopeReason) => action('outOfScope', { reason });

export function planMessage(text: string, context: PlanningContext): PlannedAction[] {
  const vocab = bindVocabulary(context.vocabulary, context.viewer);
  const scan = scanMessage(text, lexiconOf(context), vocab);
  if (scan.tokens.length === 0) return action('help', {});
  const hasRiskData = tenantHasRiskData(context.vocabulary, context.viewer);
  const draft = buildFilter(scan, {
    levelField: levelFieldFor(context.hasActiveList ? context.activeList : undefined, hasRiskData),
    hasRiskData,
    dataResourceTypes: vocab.values('resourceType'),
  });
  const kinds = draft.kinds;
  const filterFields = Object.keys(draft.filter).length + Object.keys(draft.excluded).length;

  if (kinds.has('injection')) return outOfScope('unsafe');
  const iac = planIacIntent(scan, context.activeList);
  if (iac) return iac;
  if (kinds.has('dump') || (kinds.has('dumpWeak') && filterFields === 0)) return outOfScope('dumpAll');
  if (kinds.has('otherTask')) return outOfScope('notPosture');
  if (kinds.has('secureScore')) return action('secureScore', {});
  const insight = planInsightIntent(scan, draft, { source: context.vocabulary, viewer: context.viewer });
  if (insight) return insight;
  const change = planChangeIntent(scan, context.activeList);
  if (change) return change;
  const remediate = planRemediateIntent(scan, context.activeList);
  if (remediate) return remediate;

  const ordinal = findOrdinal(scan, kinds, context, filterFields);
  if (ordinal !== undefined) return ordinal > 0 ? action('details', { ordinal }) : outOfScope('notUnderstood');
  const changesView = draft.count || draft.breakdown || draft.sort !== undefined || draft.clear.length > 0 || draft.clearAll;
  if (kinds.has('more') && filterFields === 0 && !changesView) return action('showMore', {});
  // "details" with nothing else: only clear when the list has a single row.
  if (kinds.has('detailsCue') && filterFields === 0 && !changesView && context.activeList?.total === 1 && scan.unmatched.length === 0) {
    return action('details', { ordinal: 1 });
  }
  if (kinds.has('help') && filterFields === 0 && !changesView) return action('help', {});

  // Off-topic words win over names alone: "write a python script" is not about a recommendation containing "write".
  const conceptFilters = filterFields - scan.names.length;
  if (kinds.has('offTopic') && conceptFilters <= 0) return outOfScope('notPosture');
  const postureSubject = kinds.has('postureNoun') || kinds.has('riskWord') || kinds.has('severityWord');
  const pointsAtList = context.hasActiveList && (kinds.has('refineSet') || kinds.has('refineAdd'));
  if (filterFields > 0 || changesView || postureSubject || pointsAtList) {
    if (context.hasActiveList && isFollowUp(scan, kinds, draft, filterFields)) {
      const adding = kinds.has('refineAdd') || scan.tokens[0]?.text === 'and';
      const refine = resolveFollowUp(draft, context.activeList?.filter ?? {}, vocab, adding);
      if (refine) return action('refine', refine);
      // "show them" after a count: the same filter, as a list.
      if (filterFields === 0 && kinds.has('question')) return action('refine', { view: 'list' });
    }
    return action('analyze', analyzeParameters(draft, vocab));
  }
  if (kinds.has('greeting') && scan.unmatched.length === 0) return action('help', {});
  if (kinds.has('offTopic') || scan.unmatched.length > 0) return outOfScope('notPosture');
  return outOfScope('notUnderstood');
}

/** Level words without a qualifier follow the list on screen ("just the critical ones" after a severity list). */
function levelFieldFor(active: ActiveListSummary | undefined, hasRiskData: boolean): LevelField {
  if (active?.filter.riskLevels) return 'riskLevels';
  if (active?.filter.severities) return 'severities';
  if (active?.filter.findingSeverities) return 'findingSeverities';
  if (active?.groupBy === 'severity') return 'severities';
  if (active?.groupBy === 'riskLevel') return 'riskLevels';
  return hasRiskData ? 'riskLevels' : 'severities';
}

function analyzeParameters(draft: FilterDraft, vocab: BoundVocabulary): Record<string, unknown> {
  const filter: AnalyzeFilter = { ...draft.filter };
  const kept: Record<string, unknown> = filter;
  for (const field of Object.keys(draft.excluded) as AnalyzeFilterField[]) {
    const values = complement(field, draft.excluded, {}, vocab);
    if (Array.isArray(values)) kept[field] = values;
  }
  const params: Record<string, unknown> = { filter, view: 'list' };
  if (draft.breakdown) {
    params.view = 'breakdown';
    params.groupBy = draft.groupBy ?? 'severity';
  } else if (draft.count) params.view = 'count';
  if (draft.sort) params.sort = draft.sort;
  return params;
}

/** A follow-up acts on the list on screen: a cue ("just", "include", "without"), or a fragment with no question of its own. */
function isFollowUp(scan: ScannedMessage, kinds: Set<MeaningKind>, draft: FilterDraft, filterFields: number): boolean {
  const asksAnew = kinds.has('question') || kinds.has('postureNoun');
  // "show critical risks and group them by subscription": a pronoun inside a full question points at that question.
  const onlyPronouns = scan.concepts
    .filter((c) => c.meanings.some((m) => m.k === 'refineSet'))
    .every((c) => scan.tokens.slice(c.start, c.end).every((t) => PRONOUNS.has(t.text) || t.text === 'of' || t.text === 'among'));
  const pronounInQuestion = onlyPronouns && kinds.has('question') && (kinds.has('postureNoun') || kinds.has('riskWord')) && filterFields > 0;
  if (kinds.has('refineSet') && !pronounInQuestion) return true;
  if (kinds.has('refineAdd') || kinds.has('exclude') || draft.clear.length > 0 || draft.clearAll) return true;
  if (scan.tokens[0]?.text === 'and') return true;
  if (!asksAnew) return true;
  // "how many?" or "by severity" alone re-reads the same list.
  return filterFields === 0 && !kinds.has('postureNoun');
}

const PRONOUNS = new Set(['them', 'those', 'these', 'which', 'ones']);

/** "details of the second one", "#3", "the last one": a position in the list on screen. 0 means unknown. */
function findOrdinal(scan: ScannedMessage, kinds: Set<MeaningKind>, context: PlanningContext, filterFields: number): number | undefined {
  let ordinal: number | undefined;
  for (const c of scan.concepts) {
    for (const m of c.meanings) {
      if (m.k === 'ordinal' && ordinal === undefined) ordinal = m.v;
      if (m.k === 'last' && ordinal === undefined) ordinal = context.activeList?.shown ?? 0;
    }
  }
  const number = scan.numbers[0]?.value;
  // "show the next 5" is paging, not the fifth row.
  if (ordinal === undefined && kinds.has('more') && !kinds.has('detailsCue') && !kinds.has('positionCue')) return undefined;
  if (ordinal === undefined && number !== undefined && number >= 1) ordinal = number;
  if (ordinal === undefined) return undefined;
  const pointsAtRow = kinds.has('detailsCue') || kinds.has('positionCue') || scan.tokens.some((t) => t.text === 'one' || t.text === 'item' || t.text === 'row');
  const bare = filterFields === 0 && context.hasActiveList && scan.unmatched.length === 0;
  return pointsAtRow || bare ? ordinal : undefined;
}
