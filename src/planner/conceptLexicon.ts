// Compiles the hand-written concept lists into one phrase table: token sequences, each with every meaning it carries.
import { nameTokens } from './normalize';
import { isSpellingOf, MAX_EDITS } from './spelling';
import { keepNewest } from '../collections/keepNewest';
import type { Meaning } from './lexicon/meanings';
import { NAME_CUES } from './lexicon/meanings';
import { kindSetOf, type KindSet } from './kindSet';
import {
  ASSIGNED_PHRASES, ATTACK_PATH_WORDS, CATEGORY_CONCEPTS, CLOUD_CONCEPTS, GOVERNANCE_CONCEPTS, LEVELS, RISK_FACTOR_CONCEPTS, RISK_WORDS,
  SEVERITY_WORDS, STATUS_CONCEPTS, VULNERABILITY_WORDS,
} from './lexicon/filterConcepts';
import { RESOURCE_TYPE_CONCEPTS } from './lexicon/resourceTypes';
import {
  BREAKDOWN_WORDS, GROUPING_QUESTIONS, CLEAR_ALL_PHRASES, CLEAR_PREFIXES, COUNT_WORDS, DETAILS_CUES, EXCLUDE_CUES, FIELD_NOUNS, GROUP_BY_NOUNS,
  GROUP_BY_PREFIXES, LAST_WORDS, ORDINAL_WORDS, POSITION_CUES, RANGE_DOWN_WORDS, RANGE_UP_WORDS, REFINE_ADD_CUES,
  REFINE_SET_CUES, SHOW_MORE_PHRASES, SORT_PHRASES,
} from './lexicon/conversationConcepts';
import {
  DUMP_PHRASES, DUMP_WEAK_PHRASES, OTHER_TASK_PHRASES, GREETING_WORDS, HELP_PHRASES, INJECTION_PHRASES, OFF_TOPIC_PHRASES, POSTURE_NOUNS, QUESTION_WORDS,
  SECURE_SCORE_PHRASES,
} from './lexicon/scopeConcepts';

export interface LexiconEntry {
  tokens: readonly string[];
  meanings: readonly Meaning[];
  /** The kinds of `meanings`, for asking without walking them. */
  kinds: KindSet;
}

export interface ConceptLexicon {
  entries: readonly LexiconEntry[];
  /** Entries by their first token, for exact lookup. */
  byFirst: ReadonlyMap<string, readonly LexiconEntry[]>;
  /**
   * The distinct first tokens by their first letter, then by length: a misspelt word keeps its first letter and is at
   * most two letters longer or shorter (spelling.ts), so only these few need a spelling test.
   */
  firstsByInitial: ReadonlyMap<string, ReadonlyMap<number, readonly string[]>>;
  /** Each entry's position in `entries`: pools merged from several first tokens keep the table's order. */
  rank: ReadonlyMap<LexiconEntry, number>;
  /**
   * For a word that is itself a first token, the entries it may start when read with misspellings allowed (see
   * entriesNear in conceptMatcher.ts): most typed words are the lexicon's own, so their pools are built once here.
   */
  nearFirst: ReadonlyMap<string, readonly LexiconEntry[]>;
  /**
   * The same pools for typed words that are no first token ("on", "with", "exposed", a misspelling), found on first
   * use and kept: they depend on the word and this lexicon only. At most MAX_NEAR_TYPED words, the oldest dropped.
   */
  nearTyped: Map<string, readonly LexiconEntry[]>;
  /** Every token that appears in some phrase: such words are concepts, not names. */
  conceptTokens: ReadonlySet<string>;
  longest: number;
}

export function createConceptLexicon(): ConceptLexicon {
  const table = new Map<string, { tokens: string[]; meanings: Meaning[] }>();
  const add = (phrases: readonly string[], meaning: Meaning): void => {
    for (const phrase of phrases) {
      const tokens = nameTokens(phrase);
      if (tokens.length === 0) continue;
      const key = tokens.join(' ');
      const entry = table.get(key) ?? { tokens, meanings: [] };
      if (!entry.meanings.some((m) => JSON.stringify(m) === JSON.stringify(meaning))) entry.meanings.push(meaning);
      table.set(key, entry);
    }
  };

  for (const c of LEVELS) add(c.phrases, { k: 'level', v: c.value });
  add(SEVERITY_WORDS, { k: 'severityWord' });
  add(RISK_WORDS, { k: 'riskWord' });
  add(VULNERABILITY_WORDS, { k: 'vulnWord' });
  for (const c of RISK_FACTOR_CONCEPTS) add(c.phrases, { k: 'riskFactor', v: c.value });
  for (const c of STATUS_CONCEPTS) add(c.phrases, { k: 'status', v: c.value });
  for (const c of CATEGORY_CONCEPTS) add(c.phrases, { k: 'category', v: c.value });
  for (const c of CLOUD_CONCEPTS) add(c.phrases, { k: 'cloud', v: c.value });
  for (const c of GOVERNANCE_CONCEPTS) add(c.phrases, { k: 'governance', v: c.value });
  for (const state of ['overdue', 'onTime', 'completed'] as const) add(ASSIGNED_PHRASES, { k: 'governance', v: state });
  add(ATTACK_PATH_WORDS, { k: 'attackPath' });
  for (const c of RESOURCE_TYPE_CONCEPTS) add(c.phrases, { k: 'resourceType', v: c.key });
  add(COUNT_WORDS, { k: 'count' });
  for (const g of GROUP_BY_NOUNS) add(g.phrases, { k: 'groupNoun', v: g.value });
  add(GROUP_BY_PREFIXES, { k: 'groupPrefix' });
  add(BREAKDOWN_WORDS, { k: 'breakdown' });
  for (const g of GROUPING_QUESTIONS) add(g.phrases, { k: 'groupingQuestion', v: g.value });
  for (const s of SORT_PHRASES) add(s.phrases, { k: 'sort', v: s.value });
  add(SHOW_MORE_PHRASES, { k: 'more' });
  add(DETAILS_CUES, { k: 'detailsCue' });
  for (const o of ORDINAL_WORDS) add(o.phrases, { k: 'ordinal', v: o.value });
  add(LAST_WORDS, { k: 'last' });
  add(POSITION_CUES, { k: 'positionCue' });
  add(REFINE_SET_CUES, { k: 'refineSet' });
  add(REFINE_ADD_CUES, { k: 'refineAdd' });
  add(EXCLUDE_CUES, { k: 'exclude' });
  add(RANGE_UP_WORDS, { k: 'rangeUp' });
  add(RANGE_DOWN_WORDS, { k: 'rangeDown' });
  for (const f of FIELD_NOUNS) add(f.phrases, { k: 'fieldNoun', fields: f.fields });
  add(CLEAR_PREFIXES, { k: 'clearPrefix' });
  add(CLEAR_ALL_PHRASES, { k: 'clearAll' });
  add(HELP_PHRASES, { k: 'help' });
  add(GREETING_WORDS, { k: 'greeting' });
  add(SECURE_SCORE_PHRASES, { k: 'secureScore' });
  add(DUMP_PHRASES, { k: 'dump' });
  add(DUMP_WEAK_PHRASES, { k: 'dumpWeak' });
  add(INJECTION_PHRASES, { k: 'injection' });
  add(OFF_TOPIC_PHRASES, { k: 'offTopic' });
  add(OTHER_TASK_PHRASES, { k: 'otherTask' });
  add(POSTURE_NOUNS, { k: 'postureNoun' });
  add(QUESTION_WORDS, { k: 'question' });
  for (const cue of NAME_CUES) add(cue.phrases, cue.meaning);

  const entries: LexiconEntry[] = [...table.values()].map(({ tokens, meanings }) => ({ tokens, meanings, kinds: kindSetOf(meanings) }));
  const byFirst = new Map<string, LexiconEntry[]>();
  const firstsByInitial = new Map<string, Map<number, string[]>>();
  const rank = new Map<LexiconEntry, number>();
  const conceptTokens = new Set<string>();
  let longest = 1;
  for (const entry of entries) {
    rank.set(entry, rank.size);
    const first = entry.tokens[0] ?? '';
    const list = byFirst.get(first) ?? [];
    if (list.length === 0) {
      const byLength = firstsByInitial.get(first.charAt(0)) ?? new Map<number, string[]>();
      byLength.set(first.length, [...(byLength.get(first.length) ?? []), first]);
      firstsByInitial.set(first.charAt(0), byLength);
    }
    list.push(entry);
    byFirst.set(first, list);
    for (const t of entry.tokens) conceptTokens.add(t);
    longest = Math.max(longest, entry.tokens.length);
  }
  const lexicon = { entries, byFirst, firstsByInitial, rank, conceptTokens, longest };
  const nearFirst = new Map<string, readonly LexiconEntry[]>();
  for (const first of byFirst.keys()) nearFirst.set(first, findEntriesNear(lexicon, first));
  return { ...lexicon, nearFirst, nearTyped: new Map() };
}

/** Typed words whose pools are kept (a few dozen bytes each); a new one past this drops the oldest. */
export const MAX_NEAR_TYPED = 4096;

/**
 * Entries whose first token is `typed` or a spelling of it, in the table's order. A misspelling keeps the first
 * letter and changes the length by at most MAX_EDITS (spelling.ts), so only first tokens of that letter and near that
 * length are tested, once each, instead of every entry of the letter.
 */
export function entriesNear(lexicon: ConceptLexicon, typed: string): readonly LexiconEntry[] {
  const known = lexicon.nearFirst.get(typed) ?? lexicon.nearTyped.get(typed);
  if (known) return known;
  const found = findEntriesNear(lexicon, typed);
  keepNewest(lexicon.nearTyped, typed, found, MAX_NEAR_TYPED);
  return found;
}

function findEntriesNear(lexicon: Omit<ConceptLexicon, 'nearFirst' | 'nearTyped'>, typed: string): readonly LexiconEntry[] {
  const byLength = lexicon.firstsByInitial.get(typed.charAt(0));
  if (!byLength) return [];
  let pools: Array<readonly LexiconEntry[]> | undefined;
  for (let length = typed.length - MAX_EDITS; length <= typed.length + MAX_EDITS; length += 1) {
    for (const first of byLength.get(length) ?? []) {
      if (first !== typed && !isSpellingOf(typed, first)) continue;
      const entries = lexicon.byFirst.get(first);
      if (entries) (pools ??= []).push(entries);
    }
  }
  if (!pools) return [];
  if (pools.length === 1) return pools[0] ?? [];
  const rank = (e: LexiconEntry) => lexicon.rank.get(e) ?? 0;
  return pools.flat().sort((a, b) => rank(a) - rank(b));
}
