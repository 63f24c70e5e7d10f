// Reads the matched concepts and names in order and builds the filter they describe: level words take their
// meaning from the qualifier beside them, values after "without"/"except" are exclusions, "any X" clears X.
import type { Severity } from '../posture/model';
import { SEVERITIES } from '../posture/model';
import type { AnalyzeFilter, AnalyzeFilterField } from '../actions/contracts/analyze';
import type { ConceptMatch } from './conceptMatcher';
import type { GroupByValue } from './lexicon/conversationConcepts';
import type { Meaning, MeaningKind } from './lexicon/meanings';
import { STOP_WORDS } from './lexicon/stopWords';
import { hasKind, KIND, NO_KINDS, unionKinds, withKind, type KindSet } from './kindSet';
import type { ScannedMessage } from './messageScan';
import { resolveResourceTypes } from './resourceTypeResolver';
import type { SortOrder } from '../actions/vocabularies';

export type LevelField = 'riskLevels' | 'severities' | 'findingSeverities';

export interface FilterDraft {
  filter: AnalyzeFilter;
  /** Values the user asked to leave out ("without AWS"). */
  excluded: AnalyzeFilter;
  clear: AnalyzeFilterField[];
  clearAll: boolean;
  count: boolean;
  breakdown: boolean;
  groupBy?: GroupByValue;
  sort?: SortOrder;
  /** Every meaning kind that took part, for deciding the action. */
  kinds: KindSet;
  /** Level words were said without "severity"/"risk" beside them. */
  unqualifiedLevels: boolean;
}

export interface BuildOptions {
  /** Where unqualified level words go ("critical ones"). */
  levelField: LevelField;
  /** Whether the tenant carries Defender CSPM risk (risk levels, risk factors). */
  hasRiskData: boolean;
  /** The tenant's resource types, to name the types the data really has. */
  dataResourceTypes: readonly string[];
}

// A match's kinds are read from its lexicon entry's KindSet (KIND.x), not by a walk of its meanings.
const has = (m: ConceptMatch | undefined, bit: number) => m !== undefined && hasKind(m.kinds, bit);
const value = <K extends MeaningKind>(m: ConceptMatch, k: K) => m.meanings.find((x): x is Extract<Meaning, { k: K }> => x.k === k);
const LEVEL_JOINERS = new Set(['and', 'or', 'to', 'nor', 'plus']);

export function buildFilter(scan: ScannedMessage, options: BuildOptions): FilterDraft {
  const { concepts, tokens } = scan;
  const draft: FilterDraft = { filter: {}, excluded: {}, clear: [], clearAll: false, count: false, breakdown: false, kinds: NO_KINDS, unqualifiedLevels: false };
  const used: boolean[] = [];
  for (let i = 0; i < concepts.length; i += 1) used.push(false);
  for (const c of concepts) draft.kinds = unionKinds(draft.kinds, c.kinds);
  /** Only filler words between two matches. */
  const adjacent = (a: ConceptMatch | undefined, b: ConceptMatch | undefined, maxGap = 2, joiners?: Set<string>) => {
    if (!a || !b || b.start < a.end || b.start - a.end > maxGap) return false;
    return tokens.slice(a.end, b.start).every((t) => (joiners ? joiners.has(t.text) : STOP_WORDS.has(t.text)) && !scan.names.some((n) => n.start <= tokens.indexOf(t) && tokens.indexOf(t) < n.end));
  };
  let mode: 'include' | 'exclude' = 'include';
  const target = () => (mode === 'exclude' ? draft.excluded : draft.filter);
  const push = <F extends AnalyzeFilterField>(field: F, values: NonNullable<AnalyzeFilter[F]>) => {
    const into = target() as Record<string, unknown>;
    const current = (into[field] as unknown[] | undefined) ?? [];
    const merged = [...current];
    for (const v of values as unknown[]) if (!merged.some((m) => JSON.stringify(m) === JSON.stringify(v))) merged.push(v);
    into[field] = merged.slice(0, 25);
  };

  for (let i = 0; i < concepts.length; i += 1) {
    const m = concepts[i];
    if (!m || used[i]) continue;
    if (has(m, KIND.exclude)) mode = 'exclude';
    else if (has(m, KIND.refineAdd) || has(m, KIND.refineSet) || has(m, KIND.question)) mode = 'include';

    if (has(m, KIND.level)) {
      i = readLevels(i) - 1;
      continue;
    }
    if (has(m, KIND.groupPrefix) && has(concepts[i + 1], KIND.groupNoun) && adjacent(m, concepts[i + 1], 1)) {
      const noun = concepts[i + 1];
      draft.groupBy = noun ? value(noun, 'groupNoun')?.v : undefined;
      draft.breakdown = true;
      used[i + 1] = true;
      i += 1;
      continue;
    }
    const grouping = value(m, 'groupingQuestion');
    if (grouping) {
      draft.groupBy = grouping.v;
      draft.breakdown = true;
    }
    // "any severity", "all subscriptions", "remove the severity filter": that field no longer filters the list.
    if ((has(m, KIND.clearPrefix) || has(m, KIND.exclude)) && has(concepts[i + 1], KIND.fieldNoun) && adjacent(m, concepts[i + 1], 1)) {
      mode = 'include';
      const noun = concepts[i + 1];
      if (noun) draft.clear.push(...(value(noun, 'fieldNoun')?.fields ?? []));
      used[i + 1] = true;
      i += 1;
      continue;
    }
    const rf = value(m, 'riskFactor');
    if (rf) push('riskFactors', [rf.v]);
    const status = value(m, 'status');
    if (status && !has(m, KIND.detailsCue)) push('statuses', [status.v]);
    const category = value(m, 'category');
    if (category) push('categories', [category.v]);
    const cloud = value(m, 'cloud');
    if (cloud) push('clouds', [cloud.v]);
    if (has(m, KIND.governance)) {
      const states: Array<Extract<Meaning, { k: 'governance' }>['v']> = [];
      for (const x of m.meanings) if (x.k === 'governance') states.push(x.v);
      push('governance', states);
    }
    if (has(m, KIND.attackPath)) target().hasAttackPaths = true;
    const type = value(m, 'resourceType');
    if (type) push('resourceTypes', resolveResourceTypes(type.v, options.dataResourceTypes));
    if (has(m, KIND.count)) draft.count = true;
    if (has(m, KIND.breakdown)) draft.breakdown = true;
    const sort = value(m, 'sort');
    if (sort) draft.sort = sort.v;
    if (has(m, KIND.clearAll)) draft.clearAll = true;
  }
  // "vulnerabilities" with no level of its own: the risk factor, or any finding when the tenant has no risk data.
  concepts.forEach((m, i) => {
    if (used[i] || !has(m, KIND.vulnWord) || draft.filter.findingSeverities) return;
    mode = precedingMode(m.start);
    if (options.hasRiskData) push('riskFactors', ['vulnerabilities']);
    else push('findingSeverities', [...SEVERITIES]);
  });
  for (const name of scan.names) addName(name);
  return draft;

  function addName(name: ScannedMessage['names'][number]): void {
    if (name.everything) return;
    // One loose word found in some recommendation's title ("access", "disabled") is noise beside real filters.
    const looseWord = name.field === 'recommendation' && !name.exact && !name.cued && name.end - name.start === 1;
    if (looseWord && Object.keys(draft.filter).length + Object.keys(draft.excluded).length > 0) return;
    mode = precedingMode(name.start);
    if (name.field === 'subscription') push('subscriptions', name.values);
    else if (name.field === 'resourceGroup') push('resourceGroups', name.values);
    else if (name.field === 'owner') push('owners', name.values);
    else if (name.field === 'resourceType') push('resourceTypes', name.values);
    else if (name.field === 'tagValue') push('tags', [name.tagKey ? { key: name.tagKey, value: name.text } : { value: name.text }]);
    else if (name.field === 'recommendation') target().recommendationText = name.text.slice(0, 200);
    else if (name.field === 'resourceName') target().resourceText = name.text.slice(0, 200);
    draft.kinds = withKind(draft.kinds, KIND.nameCue);
  }

  function precedingMode(at: number): 'include' | 'exclude' {
    for (let j = concepts.length - 1; j >= 0; j -= 1) {
      const c = concepts[j];
      if (!c || c.start >= at) continue;
      if (has(c, KIND.exclude)) return 'exclude';
      if (has(c, KIND.refineAdd) || has(c, KIND.refineSet) || has(c, KIND.question)) return 'include';
    }
    return 'include';
  }

  /** Reads "critical and high severity", "high or above", "risk level critical"; returns the next index. */
  function readLevels(start: number): number {
    const levels: Severity[] = [];
    let end = start;
    while (end < concepts.length) {
      const m = concepts[end];
      const level = m ? value(m, 'level') : undefined;
      if (!m || !level || (end > start && !adjacent(concepts[end - 1], m, 1, LEVEL_JOINERS))) break;
      levels.push(level.v);
      used[end] = true;
      end += 1;
    }
    const before = concepts[start - 1];
    let ranged: 'up' | 'down' | undefined;
    const after = concepts[end];
    if (has(after, KIND.rangeUp) && adjacent(concepts[end - 1], after, 1)) ranged = 'up';
    else if (has(after, KIND.rangeDown) && adjacent(concepts[end - 1], after, 1)) ranged = 'down';
    else if (has(before, KIND.rangeUp) && adjacent(before, concepts[start], 1)) ranged = 'up';
    if (ranged && has(after, ranged === 'up' ? KIND.rangeUp : KIND.rangeDown)) end += 1;
    const ranks = levels.map((l) => SEVERITIES.indexOf(l));
    const chosen: Severity[] =
      ranged === 'up' ? SEVERITIES.filter((_, r) => r >= Math.min(...ranks)) : ranged === 'down' ? SEVERITIES.filter((_, r) => r <= Math.max(...ranks)) : levels;

    const last = concepts[end - 1];
    const next = concepts[end];
    let field: LevelField | undefined;
    if (has(next, KIND.severityWord) && adjacent(last, next)) {
      used[end] = true;
      const then = concepts[end + 1];
      const prior = levelsPrior(start);
      if ((has(then, KIND.vulnWord) && adjacent(next, then)) || has(prior, KIND.vulnWord)) {
        if (has(then, KIND.vulnWord) && adjacent(next, then)) used[end + 1] = true;
        field = 'findingSeverities';
        end += has(then, KIND.vulnWord) && adjacent(next, then) ? 2 : 1;
      } else {
        field = 'severities';
        end += 1;
      }
    } else if (has(next, KIND.vulnWord) && adjacent(last, next)) {
      field = 'findingSeverities';
      used[end] = true;
      end += 1;
    } else if (has(next, KIND.riskWord) && adjacent(last, next)) {
      field = 'riskLevels';
      used[end] = true;
      end += 1;
    } else {
      const prior = levelsPrior(start);
      if (has(prior, KIND.severityWord)) field = 'severities';
      else if (has(prior, KIND.riskWord)) field = 'riskLevels';
      // "vulns rated high", "CVEs of critical severity"
      else if (has(prior, KIND.vulnWord)) field = 'findingSeverities';
    }
    if (!field) draft.unqualifiedLevels = true;
    push(field ?? options.levelField, chosen);
    return end;
  }

  /** The qualifier just before a run of levels ("severity high", "with a risk level of critical"). */
  function levelsPrior(start: number): ConceptMatch | undefined {
    for (let j = start - 1; j >= 0 && j >= start - 2; j -= 1) {
      const c = concepts[j];
      if (has(c, KIND.rangeUp) || has(c, KIND.rangeDown)) continue;
      return c && adjacent(c, concepts[j + 1] ?? concepts[start], 3) ? c : undefined;
    }
    return undefined;
  }
}
