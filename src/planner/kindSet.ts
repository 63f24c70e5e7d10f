// A set of meaning kinds as one number: kind i is the bit 2^i (the 46 kinds fit the 53 exact bits of a double).
// Built once per lexicon entry, it answers "can this phrase mean X" without walking the phrase's meanings, which the
// filter builder asks about twenty times per matched phrase, and the plan asks of the whole message.
import type { Meaning, MeaningKind } from './lexicon/meanings';

/**
 * Each kind's bit. The type makes it name every kind; kindSet.test.ts checks that the bits are distinct. Callers pass
 * `KIND.x` (a named load, one key per call site): a lookup by a varying kind name inside hasKind would be a
 * megamorphic keyed load on every call (measured: +23k instructions per plan).
 */
export const KIND: Readonly<Record<MeaningKind, number>> = {
  level: 2 ** 0,
  severityWord: 2 ** 1,
  riskWord: 2 ** 2,
  vulnWord: 2 ** 3,
  riskFactor: 2 ** 4,
  status: 2 ** 5,
  category: 2 ** 6,
  cloud: 2 ** 7,
  governance: 2 ** 8,
  attackPath: 2 ** 9,
  resourceType: 2 ** 10,
  count: 2 ** 11,
  groupNoun: 2 ** 12,
  groupPrefix: 2 ** 13,
  groupingQuestion: 2 ** 14,
  breakdown: 2 ** 15,
  sort: 2 ** 16,
  more: 2 ** 17,
  detailsCue: 2 ** 18,
  ordinal: 2 ** 19,
  last: 2 ** 20,
  positionCue: 2 ** 21,
  refineSet: 2 ** 22,
  refineAdd: 2 ** 23,
  exclude: 2 ** 24,
  rangeUp: 2 ** 25,
  rangeDown: 2 ** 26,
  fieldNoun: 2 ** 27,
  clearPrefix: 2 ** 28,
  clearAll: 2 ** 29,
  help: 2 ** 30,
  greeting: 2 ** 31,
  secureScore: 2 ** 32,
  dump: 2 ** 33,
  dumpWeak: 2 ** 34,
  injection: 2 ** 35,
  offTopic: 2 ** 36,
  otherTask: 2 ** 37,
  postureNoun: 2 ** 38,
  question: 2 ** 39,
  ownerCue: 2 ** 40,
  subscriptionCue: 2 ** 41,
  resourceGroupCue: 2 ** 42,
  tagCue: 2 ** 43,
  nameCue: 2 ** 44,
  recommendationCue: 2 ** 45,
};

/** A sum of distinct KIND bits. */
export type KindSet = number;

export const NO_KINDS: KindSet = 0;

/** Whether the set holds the kind of bit `bit` (read by division: the set may pass 2^32, where `&` alone cannot reach). */
export const hasKind = (set: KindSet, bit: number): boolean => ((set / bit) & 1) === 1;

export const withKind = (set: KindSet, bit: number): KindSet => (hasKind(set, bit) ? set : set + bit);

const TWO_32 = 2 ** 32;

/** Both sets' kinds: the low and high 32 bits joined apart. */
export const unionKinds = (a: KindSet, b: KindSet): KindSet => ((Math.floor(a / TWO_32) | Math.floor(b / TWO_32)) >>> 0) * TWO_32 + (((a >>> 0) | (b >>> 0)) >>> 0);

/** The kinds of a phrase's meanings. */
export function kindSetOf(meanings: readonly Meaning[]): KindSet {
  let set = NO_KINDS;
  for (const m of meanings) set = withKind(set, KIND[m.k]);
  return set;
}

/** The set of the kinds listed. */
export const kindSetOfKinds = (kinds: readonly MeaningKind[]): KindSet => kinds.reduce((set, k) => withKind(set, KIND[k]), NO_KINDS);

/** Whether the two sets have a kind in common. */
export const sharesKind = (a: KindSet, b: KindSet): boolean => ((Math.floor(a / TWO_32) & Math.floor(b / TWO_32)) | ((a >>> 0) & (b >>> 0))) !== 0;
