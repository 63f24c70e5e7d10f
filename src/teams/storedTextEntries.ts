// teams-ai's turn state serializes each scope when it loads it (the hash its `hasChanged` compares with at save).
// When the storage handed the item with the JSON text it was stored as (src/storage/conversationStorage.ts), that
// text already says what was loaded: the scope is created empty, given the item read, and its `hasChanged`
// compares the state with that text instead. One serialization of the state a turn fewer, the same answers; and
// when it finds a change, the text it computed is the one the storage writes (a second one fewer).
import type { Storage, StoreItems } from 'botbuilder';
import { storedTextOf, withCheckedText } from '../storage/conversationStorage';
import type { TurnState } from './teamsAi';

type Bag = Record<string, unknown>;
type Entry = NonNullable<ReturnType<TurnState['getScope']>>;

/**
 * The storage as teams-ai's load sees it: items that came with their stored text are kept aside in `kept` (by
 * storage key) and left out of what the load gets, so it creates those scopes empty without serializing them.
 */
export function readKeepingStoredText(storage: Storage, kept: Map<string, Bag>): Storage {
  return {
    async read(keys: string[]): Promise<StoreItems> {
      const items = await storage.read(keys);
      const rest: StoreItems = {};
      for (const key of Object.keys(items)) {
        const item: unknown = items[key];
        if (storedTextOf(item) === undefined) rest[key] = item;
        else kept.set(key, item as Bag);
      }
      return rest;
    },
    write: (changes) => storage.write(changes),
    delete: (keys) => storage.delete(keys),
  };
}

/**
 * Gives a scope created empty the item kept for it, with a `hasChanged` that compares against the stored text: the
 * state without its eTag serialized as the storage serializes it, and the eTag itself. teams-ai compares the whole
 * state, eTag included, with its serialization at load; the storage stored `JSON.stringify` of the state without
 * its eTag, so both give the same answer. (Text a storage did not write with `JSON.stringify`, e.g. spaced, reads
 * as changed once and is then written back as the same state.) A deleted scope counts as changed.
 */
export function giveStoredItem(entry: Entry, item: Bag): void {
  const text = storedTextOf(item);
  if (text === undefined) return;
  const loadedETag = item.eTag;
  entry.replace(item);
  Object.defineProperty(entry, 'hasChanged', {
    configurable: true,
    enumerable: false,
    get: () => {
      if (entry.isDeleted) return true;
      const value = entry.value;
      const { eTag, ...state } = value;
      if (eTag !== loadedETag) return true;
      const now = JSON.stringify(state);
      if (now === text) return false;
      // Saved next (teams-ai's save asks this just before it writes): the storage writes this text, not a new one.
      withCheckedText(value, now);
      return true;
    },
  });
}
