// The knowledge base: entries by assessment key and by individual-recommendation category, checked once when built
// (shape, no duplicates, every fix id known), then map reads. search() finds entries from a person's words.
import { FIX_DEFINITIONS } from '../fixes/definitions';
import type { FixDefinition } from '../fixes/model';
import { ALL_CATEGORY_ENTRIES, ALL_KEY_ENTRIES } from './entries';
import { categoryEntrySchema, keyEntrySchema, type CategoryEntry, type KeyEntry, type RecommendationCategory } from './model';

export interface KnowledgeSearchHit {
  key?: string;
  category?: RecommendationCategory;
  score: number;
  entry: KeyEntry | CategoryEntry;
}

export interface KnowledgeBase {
  entryFor(key: string): KeyEntry | undefined;
  entryForCategory(category: string): CategoryEntry | undefined;
  /** Entries whose subjects (and display names, when given) match the words, best first. */
  search(words: string, limit?: number): KnowledgeSearchHit[];
  keys(): string[];
  categories(): RecommendationCategory[];
}

export interface KnowledgeBaseOptions {
  keyEntries?: readonly unknown[];
  categoryEntries?: readonly unknown[];
  fixDefinitions?: readonly FixDefinition[];
  /** Display names by key (from the catalog), so a recommendation's own title finds its entry. */
  displayNameOf?: (key: string) => string | undefined;
}

const STOP_WORDS = new Set(['a', 'an', 'the', 'and', 'or', 'of', 'on', 'in', 'to', 'for', 'is', 'be', 'should', 'what', 'does', 'do', 'how', 'i', 'it', 'this', 'my', 'your', 'with', 'mean', 'fix', 'me', 'about', 'are', 'can']);

export function searchWords(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}.+-]+/u)
    .map((word) => word.replace(/^[.+-]+|[.+-]+$/g, ''))
    .filter((word) => word.length > 0 && !STOP_WORDS.has(word));
}

export function createKnowledgeBase(options: KnowledgeBaseOptions = {}): KnowledgeBase {
  const fixIds = new Set((options.fixDefinitions ?? FIX_DEFINITIONS).map((definition) => definition.id));
  const byKey = new Map<string, KeyEntry>();
  (options.keyEntries ?? ALL_KEY_ENTRIES).forEach((raw, index) => {
    const entry = keyEntrySchema.parse(raw);
    if (byKey.has(entry.key)) throw new Error(`knowledge entry ${index}: key ${entry.key} appears twice`);
    if (entry.fix && !fixIds.has(entry.fix)) throw new Error(`knowledge entry ${entry.key}: unknown fix ${entry.fix}`);
    byKey.set(entry.key, entry);
  });
  const byCategory = new Map<RecommendationCategory, CategoryEntry>();
  (options.categoryEntries ?? ALL_CATEGORY_ENTRIES).forEach((raw) => {
    const entry = categoryEntrySchema.parse(raw);
    if (byCategory.has(entry.category)) throw new Error(`knowledge: category ${entry.category} appears twice`);
    if (entry.fix && !fixIds.has(entry.fix)) throw new Error(`knowledge category ${entry.category}: unknown fix ${entry.fix}`);
    byCategory.set(entry.category, entry);
  });

  interface Indexed {
    hit: Omit<KnowledgeSearchHit, 'score'>;
    subjectWords: Set<string>;
    phrases: string[];
    titleWords: Set<string>;
  }
  const index: Indexed[] = [];
  const indexed = (hit: Omit<KnowledgeSearchHit, 'score'>, title: string): Indexed => ({
    hit,
    subjectWords: new Set(hit.entry.subjects.flatMap(searchWords)),
    phrases: hit.entry.subjects.filter((s) => s.includes(' ')),
    titleWords: new Set(searchWords(title)),
  });
  for (const [key, entry] of byKey) index.push(indexed({ key, entry }, options.displayNameOf?.(key) ?? ''));
  for (const [category, entry] of byCategory) index.push(indexed({ category, entry }, category.replace(/([a-z])([A-Z])/g, '$1 $2')));

  return {
    entryFor: (key) => byKey.get(key.trim().toLowerCase()),
    entryForCategory: (category) => {
      const wanted = category.trim().toLowerCase();
      for (const [name, entry] of byCategory) if (name.toLowerCase() === wanted) return entry;
      return undefined;
    },
    search: (text, limit = 5) => {
      const words = searchWords(text);
      if (words.length === 0) return [];
      const lowered = ` ${words.join(' ')} `;
      const hits: KnowledgeSearchHit[] = [];
      for (const item of index) {
        let score = 0;
        for (const word of words) {
          if (item.subjectWords.has(word)) score += 2;
          if (item.titleWords.has(word)) score += 1;
        }
        for (const phrase of item.phrases) if (lowered.includes(` ${phrase} `)) score += 3;
        if (score > 0) hits.push({ ...item.hit, score });
      }
      return hits.sort((a, b) => b.score - a.score).slice(0, limit);
    },
    keys: () => [...byKey.keys()].sort(),
    categories: () => [...byCategory.keys()],
  };
}
