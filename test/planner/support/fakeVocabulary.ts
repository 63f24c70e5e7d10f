// A hand-written stand-in for the posture engine's vocabulary: a few lists per field.
import type { EngineCapabilities, VocabularyField } from '../../../src/posture/engine';
import type { VocabularySource } from '../../../src/planner/vocabularyPort';

export type FakeTenant = Partial<Record<VocabularyField, string[]>>;

export function createFakeVocabulary(tenant: FakeTenant, options: { hasRiskData?: boolean } = {}): VocabularySource {
  // The engine hands out the same frozen list each time; the planner's indexes rely on that for caching.
  const lists = new Map<VocabularyField, readonly string[]>();
  return {
    vocabulary: (_viewer, field) => {
      let list = lists.get(field);
      if (!list) {
        list = Object.freeze([...(tenant[field] ?? [])]);
        lists.set(field, list);
      }
      return list;
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
}
