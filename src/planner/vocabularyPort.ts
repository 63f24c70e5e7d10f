// The narrow slice of the posture engine the planner needs: the tenant's own names, looked up per viewer.
// Misspelt names are found against these lists by the planner itself (bounded, per word), not by the engine's
// fuzzy search, so a plan stays within a few milliseconds however many words a message has.
import type { PostureEngine, VocabularyField } from '../posture/engine';
import type { Viewer } from '../posture/viewer';

/** Any PostureEngine satisfies this; tests pass a small fake. */
export type VocabularySource = Pick<PostureEngine, 'vocabulary'> & Partial<Pick<PostureEngine, 'capabilities' | 'vulnerabilities'>>;

/** The source bound to one viewer for one message. */
export interface BoundVocabulary {
  values(field: VocabularyField): readonly string[];
}

export function bindVocabulary(source: VocabularySource, viewer: Viewer): BoundVocabulary {
  return { values: (field) => source.vocabulary(viewer, field) };
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
