// The narrow slice of the posture engine the planner needs: the tenant's own names, looked up per viewer.
// Misspelt names are found against these lists by the planner itself (bounded, per word), not by the engine's
// fuzzy search, so a plan stays within a few milliseconds however many words a message has.
import type { PostureEngine, VocabularyField } from '../posture/engine';
import type { Viewer } from '../posture/viewer';
import { indexNames, nameWordsOf, type NameIndex, type NameWords } from './nameIndex';
import { NAME_FIELDS } from './nameSpans';

/** Any PostureEngine satisfies this; tests pass a small fake. */
export type VocabularySource = Pick<PostureEngine, 'vocabulary'> & Partial<Pick<PostureEngine, 'capabilities' | 'vulnerabilities'>>;

/** The source bound to one viewer for one message. */
export interface BoundVocabulary {
  values(field: VocabularyField): readonly string[];
  /** The field's token index (nameIndex.ts) over `values(field)`. */
  index(field: VocabularyField): NameIndex;
  /** The indexes of NAME_FIELDS, in that order. */
  nameIndexes(): readonly NameIndex[];
  /** Every token of nameIndexes() in one table (nameIndex.ts). */
  nameWords(): NameWords;
}

/**
 * Each field is read from the source (the viewer's scope resolved) once per binding, that is once per message: the
 * matchers ask for the same fields many times. Nothing is kept past the binding.
 */
export function bindVocabulary(source: VocabularySource, viewer: Viewer): BoundVocabulary {
  const lists = new Map<VocabularyField, readonly string[]>();
  const values = (field: VocabularyField): readonly string[] => {
    let list = lists.get(field);
    if (list === undefined) {
      list = source.vocabulary(viewer, field);
      lists.set(field, list);
    }
    return list;
  };
  // indexNames keeps each list's index (a WeakMap by list), and `values` hands out the same list all message long.
  const index = (field: VocabularyField): NameIndex => indexNames(values(field));
  let named: NameIndex[] | undefined;
  const nameIndexes = (): readonly NameIndex[] => {
    if (named === undefined) {
      named = [];
      for (const field of NAME_FIELDS) named.push(index(field));
    }
    return named;
  };
  return { values, index, nameIndexes, nameWords: () => nameWordsOf(nameIndexes()) };
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
