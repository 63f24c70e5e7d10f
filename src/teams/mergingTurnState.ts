// teams-ai turn state whose save survives a concurrent writer: conversation and user state are saved with the eTag
// they were read with, and another process (or a turn that went ahead of a hung one) may have saved in between.
// On an eTag conflict the turn's own changes are re-applied to what is stored now and the save is tried again.
import { TurnState } from './teamsAi';
import type { Storage, TurnContext } from 'botbuilder';
import { storedTextOf } from '../storage/conversationStorage';
import { attachShownRefLog, shownRefLogOf, shownRefLogSource } from '../storage/shownRefLog';
import { giveStoredItem, readKeepingStoredText } from './storedTextEntries';
import { turnWritesOf } from './turnGate';

export const DEFAULT_SAVE_ATTEMPTS = 8;

/** Combines a key's value: as the turn read it, as the turn left it, and as another writer stored it meanwhile. */
export type StateMerge = (base: unknown, mine: unknown, fresh: unknown) => unknown;

type Bag = Record<string, unknown>;
const SCOPES = ['conversation', 'user'] as const;
type Scope = (typeof SCOPES)[number];

const clone = (value: unknown): Bag => JSON.parse(JSON.stringify(value ?? {})) as Bag;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function isETagConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { message, statusCode, code } = error as { message?: unknown; statusCode?: unknown; code?: unknown };
  return statusCode === 412 || code === 'STORAGE_CONFLICT' || (typeof message === 'string' && /etag conflict/i.test(message));
}

/**
 * The stored value with the turn's changes on top: a key the turn did not change keeps the stored value; a key it
 * changed takes the turn's value, or the key's merge when one was given. The stored eTag is kept for the next try.
 */
export function mergeState(base: Bag, mine: Bag, fresh: Bag, merges: ReadonlyMap<string, StateMerge> = new Map()): Bag {
  const result: Bag = { ...fresh };
  for (const key of new Set([...Object.keys(base), ...Object.keys(mine)])) {
    if (key === 'eTag' || same(base[key], mine[key])) continue;
    const merge = merges.get(key);
    const value = merge ? merge(base[key], mine[key], fresh[key]) : mine[key];
    if (value === undefined) delete result[key];
    else result[key] = value;
  }
  return result;
}

export class MergingTurnState extends TurnState {
  /** Each scope as read, kept as JSON text: it is only parsed again in the rare rebase after a conflict. */
  private readonly loaded: Partial<Record<Scope, string>> = {};
  private readonly merges = new Map<string, StateMerge>();
  private storageKeys: Record<string, string> = {};

  constructor(private readonly maxAttempts: number = DEFAULT_SAVE_ATTEMPTS) {
    super();
  }

  /** How a conversation-state key combines with a concurrent write (default: the turn's value wins). */
  mergeConversationKey(key: string, merge: StateMerge): void {
    this.merges.set(key, merge);
  }

  /** The scopes' storage keys, as the load computed them. */
  protected override async onComputeStorageKeys(context: TurnContext): Promise<Record<string, string>> {
    this.storageKeys = await super.onComputeStorageKeys(context);
    return this.storageKeys;
  }

  override async load(context: TurnContext, storage?: Storage): Promise<boolean> {
    // Items the storage gave with their stored text are not serialized by teams-ai's load (src/teams/storedTextEntries.ts).
    const kept = new Map<string, Bag>();
    const loadedNow = await super.load(context, storage && readKeepingStoredText(storage, kept));
    // As stored (without its eTag, which the rebase ignores) when the storage kept the text: no second serialization.
    if (loadedNow) {
      for (const [scope, key] of Object.entries(this.storageKeys)) {
        const entry = this.getScope(scope);
        const item = kept.get(key);
        if (entry && item) giveStoredItem(entry, item);
      }
      for (const scope of SCOPES) {
        const value = this.getScope(scope)?.value;
        this.loaded[scope] = storedTextOf(value) ?? JSON.stringify(value ?? {});
      }
      // Shown refs kept beside the conversation's state, where the storage can (src/storage/shownRefLog.ts).
      const conversation = this.getScope('conversation');
      const source = shownRefLogSource(storage);
      if (source && conversation?.storageKey) attachShownRefLog(conversation.value, source.shownRefLog(conversation.storageKey));
    }
    return loadedNow;
  }

  override async save(context: TurnContext, storage?: Storage): Promise<void> {
    // The turn's held writes (reply records, done mark) commit with the state when the gate set them up.
    const writes = storage ? turnWritesOf(context) : undefined;
    const target = writes && storage ? writes.stateStorage(storage) : storage;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await super.save(context, target);
        return;
      } catch (error) {
        if (!storage || attempt >= this.maxAttempts || !isETagConflict(error)) throw error;
      }
      await this.rebase(storage);
    }
  }

  private async rebase(storage: Storage): Promise<void> {
    for (const scope of SCOPES) {
      const entry = this.getScope(scope);
      const key = entry?.storageKey;
      if (!entry || !key || entry.isDeleted || !entry.hasChanged) continue;
      const fresh = clone((await storage.read([key]))[key]);
      const base = JSON.parse(this.loaded[scope] ?? '{}') as Bag;
      const log = shownRefLogOf(entry.value);
      const merged = mergeState(base, entry.value, fresh, scope === 'conversation' ? this.merges : undefined);
      // The refs this turn showed are still to be written, with the merged state.
      if (log) attachShownRefLog(merged, log);
      entry.replace(merged);
      this.loaded[scope] = JSON.stringify(fresh);
    }
  }
}
