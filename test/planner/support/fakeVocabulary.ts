// A hand-written stand-in for the posture engine's vocabulary: a few lists and a simple fuzzy search.
import { distance } from 'fastest-levenshtein';
import type { EngineCapabilities, FuzzyMatch, VocabularyField } from '../../../src/posture/engine';
import type { VocabularySource } from '../../../src/planner/vocabularyPort';

export type FakeTenant = Partial<Record<VocabularyField, string[]>>;

export function createFakeVocabulary(tenant: FakeTenant, options: { hasRiskData?: boolean } = {}): VocabularySource & { calls: number } {
  const lists = new Map<VocabularyField, readonly string[]>();
  const listOf = (field: VocabularyField) => {
    let list = lists.get(field);
    if (!list) {
      list = Object.freeze([...(tenant[field] ?? [])]);
      lists.set(field, list);
    }
    return list;
  };
  const source = {
    calls: 0,
    vocabulary: (_viewer: unknown, field: VocabularyField) => listOf(field),
    fuzzyFind: (_viewer: unknown, field: VocabularyField, text: string, limit = 5): FuzzyMatch[] => {
      source.calls += 1;
      const needle = text.toLowerCase();
      return listOf(field)
        .map((value) => {
          const lower = value.toLowerCase();
          const whole = 1 - distance(needle, lower) / Math.max(needle.length, lower.length, 1);
          const best = Math.max(whole, ...lower.split(/[^\p{L}\p{N}]+/u).map((w) => 1 - distance(needle, w) / Math.max(needle.length, w.length, 1)));
          return { value, score: best };
        })
        .filter((m) => m.score > 0.5)
        .sort((a, b) => b.score - a.score)
        .slice(0, limit);
    },
    capabilities: (): EngineCapabilities => ({
      hasRiskData: options.hasRiskData ?? true,
      hasAttackPaths: true,
      hasGovernance: true,
      hasFindings: true,
      hasSecureScore: true,
      assessmentCount: 0,
      resourceCount: 0,
    }),
  };
  return source;
}
