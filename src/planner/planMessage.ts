// The keyless planner's pure core: one message (plus what the conversation shows) in, registry actions out.
import type { PlannedAction } from '../actions/registry';
import type { OutOfScopeReason } from '../actions/vocabularies';
import type { Viewer } from '../posture/viewer';
import type { AnalyzeFilter, AnalyzeFilterField } from '../actions/contracts/analyze';
import type { ActiveListSummary } from './activeList';
import { createConceptLexicon, type ConceptLexicon } from './conceptLexicon';
import { buildFilter, type FilterDraft, type LevelField } from './filterBuilder';
import { resolveFollowUp } from './followUp';
import { hasKind, KIND, withKind, type KindSet } from './kindSet';
import { scanMessage, type ScannedMessage } from './messageScan';
import { planChangeIntent } from './changeIntents';
import { planDelegateIntent } from './delegateIntents';
import { planInsightIntent } from './insightIntents';
import { planRemediateIntent } from './remediateIntents';
import { planIacIntent } from './iacIntents';
import { complement } from './exclusions';
import { bindVocabulary, tenantHasRiskData, type BoundVocabulary, type VocabularySource } from './vocabularyPort';
import { normalizeMessage } from './normalize';
import { STOP_WORDS } from './lexicon/stopWords';
import { afterStartOver, conversationText, mayBeConversational, planConversationIntent } from './conversationIntents';
import { readTimePhrases, withoutChangeWords } from './timePhrases';
import { isChangeQuestion, planChanges, planExecutiveSummary, topNOf } from './timeIntents';
import { subjectOf } from './subjectWords';
import { isDestructiveRequest } from './declinedRequests';

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
  const normalized = normalizeMessage(text);
  // Most messages cannot be small talk or a start over (their first two characters say so): no punctuation-free copy.
  if (mayBeConversational(normalized)) {
    const tidied = conversationText(normalized);
    const conversational = planConversationIntent(normalized, tidied);
    if (conversational) return conversational;
    // "start over and show critical risks": a new question, with no list to follow up on.
    const fresh = afterStartOver(normalized, tidied);
    if (fresh !== undefined) return planMessage(fresh, { ...context, hasActiveList: false, activeList: undefined });
  }
  // "delete all the storage accounts": declined before its posture words can make it a list.
  if (isDestructiveRequest(normalized)) return outOfScope('notPosture');

  const vocab = bindVocabulary(context.vocabulary, context.viewer);
  const time = readTimePhrases(normalized);
  const changeQuestion = isChangeQuestion(time);
  // Time phrases are cut out before names are looked for, so "days" or "week" never become a name filter.
  const timed = time.due !== undefined || time.since !== undefined || changeQuestion;
  const scan = timed ? scanMessage(changeQuestion ? withoutChangeWords(time.rest) : time.rest, lexiconOf(context), vocab) : scanMessage(text, lexiconOf(context), vocab, normalized);
  if (scan.tokens.length === 0 && !timed) return action('help', {});
  const hasRiskData = tenantHasRiskData(context.vocabulary, context.viewer);
  const filterOptions = {
    levelField: levelFieldFor(context.hasActiveList ? context.activeList : undefined, hasRiskData),
    hasRiskData,
    dataResourceTypes: vocab.values('resourceType'),
  };
  let draft = buildFilter(scan, filterOptions);
  // Loose words that name a recommendation's subject ("backups", "private endpoints") filter on it; the subject
  // found in the data replaces a single loose word the name matcher took.
  const typeWords = resourceTypeTokens(scan);
  const found = draft.filter.resourceText === undefined ? subjectOf(scan, vocab, typeWords) : undefined;
  // "VMs missing disk encryption": the subject took "disk", so "disk" is no longer a resource type filter.
  if (found && [...found.tokens].some((i) => typeWords.has(i))) {
    scan.concepts = scan.concepts.filter((c) => !(c.start < c.end && found.tokens.has(c.start) && typeWords.has(c.start)));
    draft = buildFilter(scan, filterOptions);
  }
  if (time.due) draft.filter.due = time.due;
  // One loose word beside real filters is noise ("storage accounts that allow public access"), as for names.
  const otherFilters = Object.keys(draft.filter).filter((f) => f !== 'recommendationText' && f !== 'due').length + Object.keys(draft.excluded).length;
  const subject = found && (found.tokens.size > 1 || otherFilters === 0) ? found : undefined;
  if (subject && (draft.filter.recommendationText === undefined || subject.text.length >= draft.filter.recommendationText.length)) {
    draft.filter.recommendationText = subject.text;
    draft.kinds = withKind(draft.kinds, KIND.nameCue);
    scan.unmatched = scan.unmatched.filter((t) => !subject.tokens.has(scan.tokens.indexOf(t)));
  }
  const kinds = draft.kinds;
  const filterFields = Object.keys(draft.filter).length + Object.keys(draft.excluded).length;
  const limit = topNOf(normalized);

  if (hasKind(kinds, KIND.injection)) return outOfScope('unsafe');
  const iac = planIacIntent(scan, context.activeList);
  if (iac) return iac;
  if (hasKind(kinds, KIND.dump)) return outOfScope('dumpAll');
  // "delegate everything in rg-prod to their owners" drafts per owner within caps: a bulk delegation, not a dump.
  const delegate = hasKind(kinds, KIND.otherTask) ? undefined : planDelegateIntent(scan, context.activeList, analyzeParameters(draft, vocab).filter, unusedWordsOf(scan));
  if (hasKind(kinds, KIND.dumpWeak) && filterFields === 0 && delegate?.[0]?.name !== 'delegateToOwners') return outOfScope('dumpAll');
  if (hasKind(kinds, KIND.otherTask)) return outOfScope('notPosture');
  if (delegate) return delegate;
  if (hasKind(kinds, KIND.secureScore)) return action('secureScore', {});
  const summary = planExecutiveSummary(normalized, time);
  if (summary) return summary;
  if (changeQuestion) return planChanges(time, analyzeParameters(draft, vocab).filter as AnalyzeFilter, limit);
  const insight = planInsightIntent(scan, draft, { source: context.vocabulary, viewer: context.viewer });
  if (insight) return insight;
  const change = planChangeIntent(scan, context.activeList);
  if (change) return change;
  const remediate = planRemediateIntent(scan, context.activeList);
  if (remediate) return remediate;

  const ordinal = limit === undefined ? findOrdinal(scan, kinds, context, filterFields) : undefined;
  if (ordinal !== undefined) return ordinal > 0 ? action('details', { ordinal }) : outOfScope('notUnderstood');
  const changesView = draft.count || draft.breakdown || draft.sort !== undefined || draft.clear.length > 0 || draft.clearAll;
  if (hasKind(kinds, KIND.more) && filterFields === 0 && !changesView) return action('showMore', {});
  // "details" with nothing else: only clear when the list has a single row.
  if (hasKind(kinds, KIND.detailsCue) && filterFields === 0 && !changesView && context.activeList?.total === 1 && scan.unmatched.length === 0) {
    return action('details', { ordinal: 1 });
  }
  if (hasKind(kinds, KIND.help) && filterFields === 0 && !changesView) return action('help', {});

  // Off-topic words win over names alone: "write a python script" is not about a recommendation containing "write".
  const conceptFilters = filterFields - scan.names.length;
  if (hasKind(kinds, KIND.offTopic) && conceptFilters <= 0) return outOfScope('notPosture');
  const postureSubject = hasKind(kinds, KIND.postureNoun) || hasKind(kinds, KIND.riskWord) || hasKind(kinds, KIND.severityWord);
  const pointsAtList = context.hasActiveList && (hasKind(kinds, KIND.refineSet) || hasKind(kinds, KIND.refineAdd));
  if (filterFields > 0 || changesView || postureSubject || pointsAtList) {
    if (context.hasActiveList && isFollowUp(scan, kinds, draft, filterFields)) {
      const adding = hasKind(kinds, KIND.refineAdd) || scan.tokens[0]?.text === 'and';
      const refine = resolveFollowUp(draft, context.activeList?.filter ?? {}, vocab, adding);
      if (refine) return action('refine', { ...refine, ...(limit ? { limit } : {}) });
      if (limit) return action('refine', { limit });
      // "show them" after a count: the same filter, as a list.
      if (filterFields === 0 && hasKind(kinds, KIND.question)) return action('refine', { view: 'list' });
    }
    const unused = unusedWordsOf(scan);
    return action('analyze', { ...analyzeParameters(draft, vocab), ...(limit && !draft.count && !draft.breakdown ? { limit } : {}), ...(unused.length > 0 ? { unusedWords: unused } : {}) });
  }
  if (hasKind(kinds, KIND.greeting) && scan.unmatched.length === 0) return action('smallTalk', { kind: 'greeting' });
  if (hasKind(kinds, KIND.offTopic) || scan.unmatched.length > 0) return outOfScope('notPosture');
  return outOfScope('notUnderstood');
}

/** Token indexes of resource type words ("disk", "storage accounts"). */
function resourceTypeTokens(scan: ScannedMessage): Set<number> {
  const at = new Set<number>();
  for (const c of scan.concepts) if (hasKind(c.kinds, KIND.resourceType)) for (let i = c.start; i < c.end; i += 1) at.add(i);
  return at;
}

/** Words no concept or name took, as typed: the answer says they were not used (never a name filter). */
function unusedWordsOf(scan: ScannedMessage): string[] {
  const words = scan.unmatched.filter((t) => !IGNORABLE.has(t.text) && !/^\d+$/.test(t.text)).map((t) => t.rawWord.replace(/[^\p{L}\p{N}@._-]/gu, '').slice(0, 60));
  return [...new Set(words)].filter((w) => w.length > 0).slice(0, 10);
}

/** Ranking and politeness words that carry no filter of their own. */
const IGNORABLE = new Set(['top', 'worst', 'riskiest', 'biggest', 'highest', 'please', 'thanks', 'urgent', 'important', 'first']);

/** Level words without a qualifier follow the list on screen ("just the critical ones" after a severity list). */
function levelFieldFor(active: ActiveListSummary | undefined, hasRiskData: boolean): LevelField {
  if (active?.filter.riskLevels) return 'riskLevels';
  if (active?.filter.severities) return 'severities';
  if (active?.filter.findingSeverities) return 'findingSeverities';
  if (active?.groupBy === 'severity') return 'severities';
  if (active?.groupBy === 'riskLevel') return 'riskLevels';
  return hasRiskData ? 'riskLevels' : 'severities';
}

function analyzeParameters(draft: FilterDraft, vocab: BoundVocabulary): Record<string, unknown> & { filter: AnalyzeFilter } {
  const filter: AnalyzeFilter = { ...draft.filter };
  const kept: Record<string, unknown> = filter;
  for (const field of Object.keys(draft.excluded) as AnalyzeFilterField[]) {
    const values = complement(field, draft.excluded, {}, vocab);
    if (Array.isArray(values)) kept[field] = values;
  }
  const params: Record<string, unknown> & { filter: AnalyzeFilter } = { filter, view: 'list' };
  if (draft.breakdown) {
    params.view = 'breakdown';
    params.groupBy = draft.groupBy ?? 'severity';
  } else if (draft.count) params.view = 'count';
  if (draft.sort) params.sort = draft.sort;
  return params;
}

/** A follow-up acts on the list on screen: a cue ("just", "include", "without"), or a fragment with no question of its own. */
function isFollowUp(scan: ScannedMessage, kinds: KindSet, draft: FilterDraft, filterFields: number): boolean {
  const asksAnew = hasKind(kinds, KIND.question) || hasKind(kinds, KIND.postureNoun) || hasKind(kinds, KIND.groupingQuestion);
  // "show critical risks and group them by subscription": a pronoun inside a full question points at that question.
  const onlyPronouns = scan.concepts
    .filter((c) => hasKind(c.kinds, KIND.refineSet))
    .every((c) => scan.tokens.slice(c.start, c.end).every((t) => PRONOUNS.has(t.text) || t.text === 'of' || t.text === 'among'));
  const pronounInQuestion = onlyPronouns && hasKind(kinds, KIND.question) && (hasKind(kinds, KIND.postureNoun) || hasKind(kinds, KIND.riskWord)) && filterFields > 0;
  if (hasKind(kinds, KIND.refineSet) && !pronounInQuestion) return true;
  if (hasKind(kinds, KIND.refineAdd) || hasKind(kinds, KIND.exclude) || draft.clear.length > 0 || draft.clearAll) return true;
  if (scan.tokens[0]?.text === 'and') return true;
  // Otherwise only a short fragment ("aws", "critical ones", "how many?", "by severity") acts on the list on
  // screen; a question of its own ("which subscriptions are worst?") starts a new list without the old filters.
  const words = scan.tokens.filter((t) => !STOP_WORDS.has(t.text)).length;
  if (!asksAnew) return words <= FRAGMENT_WORDS;
  return filterFields === 0 && !hasKind(kinds, KIND.postureNoun) && !hasKind(kinds, KIND.groupingQuestion) && words <= FRAGMENT_WORDS;
}

/** The most content words a follow-up fragment has ("storage accounts in prod"). */
const FRAGMENT_WORDS = 3;

const PRONOUNS = new Set(['them', 'those', 'these', 'which', 'ones']);

/** "details of the second one", "#3", "the last one": a position in the list on screen. 0 means unknown. */
function findOrdinal(scan: ScannedMessage, kinds: KindSet, context: PlanningContext, filterFields: number): number | undefined {
  let ordinal: number | undefined;
  for (const c of scan.concepts) {
    for (const m of c.meanings) {
      if (m.k === 'ordinal' && ordinal === undefined) ordinal = m.v;
      if (m.k === 'last' && ordinal === undefined) ordinal = context.activeList?.shown ?? 0;
    }
  }
  const number = scan.numbers[0]?.value;
  // "show the next 5" is paging, not the fifth row.
  if (ordinal === undefined && hasKind(kinds, KIND.more) && !hasKind(kinds, KIND.detailsCue) && !hasKind(kinds, KIND.positionCue)) return undefined;
  if (ordinal === undefined && number !== undefined && number >= 1) ordinal = number;
  if (ordinal === undefined) return undefined;
  const pointsAtRow = hasKind(kinds, KIND.detailsCue) || hasKind(kinds, KIND.positionCue) || scan.tokens.some((t) => t.text === 'one' || t.text === 'item' || t.text === 'row');
  const bare = filterFields === 0 && context.hasActiveList && scan.unmatched.length === 0;
  return pointsAtRow || bare ? ordinal : undefined;
}
