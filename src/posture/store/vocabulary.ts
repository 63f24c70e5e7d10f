// Distinct values per vocabulary field, read from the dictionaries (never from rows) and cached with their
// fuzzy indexes on first use.
import type { FuzzyMatch, VocabularyField } from '../engine';
import { createFuzzyIndex, type FuzzyIndex } from './fuzzy';
import { subscriptionLabel } from './rows';
import type { PostureTable } from './table';

export interface Vocabulary {
  values(field: VocabularyField): readonly string[];
  fuzzy(field: VocabularyField, text: string, limit: number): FuzzyMatch[];
}

/**
 * `inherit` is the vocabulary of the engine this table was derived from: every field but those in `changed` is read
 * (and its fuzzy index built) once and shared, so a local change does not rebuild the planner's name lists.
 */
export function createVocabulary(t: PostureTable, inherit?: { from: Vocabulary; changed: readonly VocabularyField[] }): Vocabulary {
  return cachedVocabulary((field) => distinct(t, field), inherit);
}

/** The names a scoped viewer may see: only values on rows they may read (never a spelling from outside). */
export function createScopedVocabulary(t: PostureTable, visible: Uint8Array): Vocabulary {
  return cachedVocabulary((field) => distinctVisible(t, field, visible));
}

function cachedVocabulary(distinctOf: (field: VocabularyField) => string[], inherit?: { from: Vocabulary; changed: readonly VocabularyField[] }): Vocabulary {
  const values = new Map<VocabularyField, readonly string[]>();
  const indexes = new Map<VocabularyField, FuzzyIndex>();
  const inherited = (field: VocabularyField): Vocabulary | undefined => (inherit && !inherit.changed.includes(field) ? inherit.from : undefined);
  const read = (field: VocabularyField): readonly string[] => {
    const from = inherited(field);
    if (from) return from.values(field);
    let list = values.get(field);
    if (!list) {
      list = Object.freeze(distinctOf(field));
      values.set(field, list);
    }
    return list;
  };
  return {
    values: read,
    fuzzy(field, text, limit) {
      const from = inherited(field);
      if (from) return from.fuzzy(field, text, limit);
      let index = indexes.get(field);
      if (!index) {
        index = createFuzzyIndex(read(field));
        indexes.set(field, index);
      }
      return index.find(text, limit);
    },
  };
}

function distinct(t: PostureTable, field: VocabularyField): string[] {
  switch (field) {
    case 'subscription': {
      const labels = new Set<string>();
      for (let code = 0; code < t.dict.subscription.size; code++) labels.add(subscriptionLabel(t, code) ?? '');
      labels.delete('');
      return [...labels];
    }
    case 'resourceGroup':
      return [...t.dict.resourceGroup.values()];
    case 'resourceName':
      return [...t.dict.resourceName.values()];
    case 'resourceType':
      return [...t.dict.resourceType.values()];
    case 'recommendation':
      return uniqueCaseInsensitive(t.dict.name.values());
    case 'owner':
      return [...t.dict.owner.values()];
    case 'tagKey':
      return [...t.tagKeys];
    case 'tagValue':
      return [...t.tagValues];
  }
}

const CODE_COLUMNS = {
  subscription: 'subscription', resourceGroup: 'resourceGroup', resourceName: 'resourceName', resourceType: 'resourceType',
  recommendation: 'name', owner: 'owner',
} as const;

function distinctVisible(t: PostureTable, field: VocabularyField, visible: Uint8Array): string[] {
  if (field === 'tagKey' || field === 'tagValue') {
    const seen = new Set<number>();
    const out = new Map<string, string>();
    for (let row = 0; row < t.rowCount; row++) {
      if (visible[row] !== 1 || t.live[row] !== 1) continue;
      const resource = t.columns.resource[row] as number;
      if (seen.has(resource)) continue;
      seen.add(resource);
      for (const [key, value] of Object.entries(t.resources.get(resource)?.tags ?? {})) {
        const text = field === 'tagKey' ? key : value;
        if (typeof text === 'string' && text && !out.has(text.toLowerCase())) out.set(text.toLowerCase(), text);
      }
    }
    return [...out.values()];
  }
  const column = t.columns[CODE_COLUMNS[field]];
  const dict = t.dict[CODE_COLUMNS[field]];
  const codes = new Uint8Array(dict.size);
  for (let row = 0; row < t.rowCount; row++) {
    if (visible[row] !== 1 || t.live[row] !== 1) continue;
    const code = column[row] as number;
    if (code >= 0) codes[code] = 1;
  }
  const out: string[] = [];
  for (let code = 0; code < codes.length; code++) {
    if (codes[code] !== 1) continue;
    const value = field === 'subscription' ? subscriptionLabel(t, code) : dict.value(code);
    if (value) out.push(value);
  }
  return field === 'recommendation' ? uniqueCaseInsensitive(out) : [...new Set(out)];
}

function uniqueCaseInsensitive(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const lower = value.toLowerCase();
    if (seen.has(lower)) return false;
    seen.add(lower);
    return true;
  });
}
