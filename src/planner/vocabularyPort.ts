// The narrow slice of the posture engine the planner needs: the tenant's own names, looked up per viewer.
import type { FuzzyMatch, PostureEngine, VocabularyField } from '../posture/engine';
import type { Viewer } from '../posture/viewer';

/** Any PostureEngine satisfies this; tests pass a small fake. */
export type VocabularySource = Pick<PostureEngine, 'vocabulary' | 'fuzzyFind'> & Partial<Pick<PostureEngine, 'capabilities'>>;

/** The source bound to one viewer for one message. */
export interface BoundVocabulary {
  values(field: VocabularyField): readonly string[];
  fuzzy(field: VocabularyField, text: string, limit: number): FuzzyMatch[];
}

export function bindVocabulary(source: VocabularySource, viewer: Viewer): BoundVocabulary {
  return {
    values: (field) => source.vocabulary(viewer, field),
    fuzzy: (field, text, limit) => source.fuzzyFind(viewer, field, text, limit),
  };
}

/** Whether level words without a qualifier mean risk level: only when the tenant has risk data (Defender CSPM). */
export function tenantHasRiskData(source: VocabularySource, viewer: Viewer): boolean {
  if (!source.capabilities) return true;
  try {
    return source.capabilities(viewer).hasRiskData;
  } catch {
    return true;
  }
}
