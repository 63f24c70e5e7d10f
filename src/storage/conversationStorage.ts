// The conversation-state port (teams-ai's conversation and user state): the shape of botbuilder's Storage, declared
// here so that storage implementations need no bot SDK. src/teams/bot.ts hands it to teams-ai as botbuilder's
// Storage, so the compiler keeps the two the same; test/storage/conversationStorage.contract.ts holds the semantics.
import type { ShownRefLog } from './shownRefLog';

export interface StoreItems {
  // Values are whatever the state objects hold, as in botbuilder's own declaration.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [key: string]: any;
}

export interface ConversationStorage {
  read(keys: string[]): Promise<StoreItems>;
  write(changes: StoreItems): Promise<void>;
  delete(keys: string[]): Promise<void>;
  /** Where the storage keeps shown refs beside the state stored under `key` (src/storage/shownRefLog.ts). */
  shownRefLog?(key: string): ShownRefLog;
}

/**
 * A storage may hand each item it read with the JSON text it was stored as (without its eTag), so a reader that
 * keeps the state as read (src/teams/mergingTurnState.ts) need not serialize it again. Not enumerable: never copied
 * or saved with the item.
 */
const STORED_TEXT = Symbol('postureBot.storedText');

export function withStoredText<T extends object>(item: T, text: string): T {
  Object.defineProperty(item, STORED_TEXT, { value: text, enumerable: false, configurable: true });
  return item;
}

/**
 * The text a state (without its eTag) serialized to when its change check found it changed, at save
 * (src/teams/storedTextEntries.ts): the storage's write takes it instead of serializing the same state again. Taken
 * once: a later write of the same object serializes it afresh. Not enumerable, like the stored text.
 */
const CHECKED_TEXT = Symbol('postureBot.checkedText');

export function withCheckedText<T extends object>(item: T, text: string): T {
  Object.defineProperty(item, CHECKED_TEXT, { value: text, enumerable: false, configurable: true });
  return item;
}

export function takeCheckedText(item: object): string | undefined {
  const text = (item as Record<symbol, unknown>)[CHECKED_TEXT];
  if (typeof text !== 'string') return undefined;
  delete (item as Record<symbol, unknown>)[CHECKED_TEXT];
  return text;
}

/** The text an item was stored as, when its storage said so and the item has not been replaced since. */
export const storedTextOf = (item: unknown): string | undefined =>
  typeof item === 'object' && item !== null ? ((item as Record<symbol, unknown>)[STORED_TEXT] as string | undefined) : undefined;
