// Conversation and user state (botbuilder's Storage contract) kept in a RecordsStore, so any records backend —
// Azure Table storage for several replicas — carries it with the same eTag rules. SDK-free: the Storage shape is
// declared here and matches botbuilder's structurally.
// Unlike the SQLite storage, one write() of several keys is not one transaction: each key is compare-and-swapped
// on its own (as botbuilder's BlobsStorage does); teams-ai writes conversation and user state, each by its own eTag.
import { isAppError, isStorageConflict } from '../errors/appError';
import { MAX_KEY_LENGTH } from './recordKeys';
import type { RecordsStore } from './recordsStore';

export const CONVERSATION_STATE_COLLECTION = 'conversation-state';

export type StateItem = Record<string, unknown> & { eTag?: string };
export type StateItems = Record<string, StateItem>;

/** botbuilder's Storage, structurally. */
export interface StateStorage {
  read(keys: string[]): Promise<StateItems>;
  write(changes: StateItems): Promise<void>;
  delete(keys: string[]): Promise<void>;
}

/** The record id a state key is kept under (ids cannot be empty; botbuilder keys can). */
export const conversationStateId = (key: string) => `k${key}`;
const idOf = conversationStateId;
const keyOf = (id: string) => id.slice(1);

function assertKey(key: unknown): asserts key is string {
  if (typeof key !== 'string') throw new TypeError('Storage: keys must be strings.');
  if (key.length >= MAX_KEY_LENGTH) throw new TypeError(`Storage: a key is longer than ${MAX_KEY_LENGTH - 1} characters and cannot be stored.`);
}

export function createRecordsConversationStorage(records: RecordsStore, collection = CONVERSATION_STATE_COLLECTION): StateStorage {
  return {
    async read(keys) {
      if (!Array.isArray(keys)) throw new ReferenceError('Keys are required when reading.');
      keys.forEach(assertKey);
      const items: StateItems = {};
      for (const key of keys) {
        const record = await records.get<Record<string, unknown>>(collection, idOf(key));
        if (record) items[key] = { ...record.value, eTag: record.etag };
      }
      return items;
    },

    async write(changes) {
      if (changes === null || typeof changes !== 'object') throw new ReferenceError('Changes are required when writing.');
      // Check and serialize every item before writing any, so a bad item writes nothing.
      const entries = Object.entries(changes).map(([key, item]) => {
        assertKey(key);
        if (item === null || typeof item !== 'object' || Array.isArray(item)) throw new TypeError(`Storage: the item for "${key}" must be an object.`);
        const { eTag, ...state } = item;
        let plain: unknown;
        try {
          // State is JSON as botbuilder stores it (a Date becomes its ISO string), then plain data for the store.
          plain = JSON.parse(JSON.stringify(state)) as unknown;
        } catch (cause) {
          throw new TypeError(`Storage: the item for "${key}" cannot be saved as JSON (${String(cause)}).`, { cause });
        }
        return { key, plain, ifMatch: typeof eTag === 'string' && eTag !== '' && eTag !== '*' ? eTag : undefined };
      });
      for (const { key, plain, ifMatch } of entries) {
        try {
          await records.put(collection, idOf(key), plain, ifMatch === undefined ? {} : { ifMatch });
        } catch (error) {
          if (isStorageConflict(error)) throw new Error(`Storage: error writing "${key}" due to eTag conflict.`, { cause: error });
          if (isAppError(error) && error.code === 'BAD_REQUEST') throw new TypeError(`Storage: the key "${key.slice(0, 80)}" cannot be stored (${error.userMessage}).`, { cause: error });
          throw error;
        }
      }
    },

    async delete(keys) {
      if (!Array.isArray(keys)) throw new ReferenceError('Keys are required when deleting.');
      keys.forEach(assertKey);
      for (const key of keys) await records.delete(collection, idOf(key));
    },
  };
}

/** Retention: removes state idle since before `before`, at most `limit` items. */
export function createRecordsConversationPruner(records: RecordsStore, collection = CONVERSATION_STATE_COLLECTION): (before: number, limit: number) => Promise<number> {
  return (before, limit) => records.prune(collection, { before, limit });
}

/**
 * Removes the state of given conversations and channel users (a person asked to be forgotten). Keys are teams-ai's
 * <channel>/<bot>/conversations/<id> and <channel>/<bot>/users/<id>; a scan, since a suffix has no index.
 */
export function createRecordsConversationEraser(records: RecordsStore, collection = CONVERSATION_STATE_COLLECTION): { erase(conversationIds: readonly string[], channelUserIds: readonly string[]): Promise<number> } {
  return {
    async erase(conversationIds, channelUserIds) {
      const suffixes = [...conversationIds.map((id) => `/conversations/${id}`), ...channelUserIds.map((id) => `/users/${id}`)];
      if (suffixes.length === 0) return 0;
      const doomed: string[] = [];
      for (let page = await records.list(collection, { limit: 500 }); page.length > 0; ) {
        for (const { id } of page) if (suffixes.some((suffix) => keyOf(id).endsWith(suffix))) doomed.push(id);
        page = await records.list(collection, { limit: 500, startAfter: page[page.length - 1]?.id ?? '' });
      }
      let removed = 0;
      for (const id of doomed) if (await records.delete(collection, id)) removed += 1;
      return removed;
    },
  };
}
