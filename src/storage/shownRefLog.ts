// The refs a conversation was shown (src/actions/contracts/shownRefs.ts), kept beside its state instead of in it
// where the storage can: a list turn appends its page and never reads, rewrites or re-serializes the older refs;
// a pressed button looks its ref up. The storage hands a log to the conversation state it loaded under a
// non-enumerable key, so it is never hashed, copied or saved with the state.

/** A [ref, assessment id] pair, as the conversation state held them. */
export type ShownPair = readonly [string, string];

export interface ShownRefLog {
  /**
   * Pairs shown this turn, oldest first: written with the turn's state (the same commit), lost if it is not saved.
   * `shownBefore` counts the pairs this conversation appended before (the log prunes every so many); only the
   * newest `limit` distinct refs need to stay.
   */
  append(pairs: readonly ShownPair[], keep: { shownBefore: number; limit: number }): void;
  /** The assessment id of `ref` if it is among the newest `limit` distinct refs shown (this turn's included). */
  lookup(ref: string, limit: number): string | undefined;
}

/**
 * The conversation-state field that says the refs are in the log (src/actions/contracts/shownRefs.ts writes it as
 * `{ schemaVersion: 2, shown }`); a copy of the state to a storage without a log puts the pairs back there.
 */
export const SHOWN_REFS_FIELD = 'shownRefs';

export const isLoggedShownRefs = (value: unknown): value is { schemaVersion: 2; shown: number } =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && (value as { schemaVersion?: unknown }).schemaVersion === 2 && Number.isSafeInteger((value as { shown?: unknown }).shown) && (value as { shown: number }).shown >= 0;

/** Where the log sits in the conversation state (not enumerable: never part of the saved JSON). */
export const SHOWN_REF_LOG_KEY = 'shownRefLog';

export function attachShownRefLog(state: object, log: ShownRefLog): void {
  Object.defineProperty(state, SHOWN_REF_LOG_KEY, { value: log, enumerable: false, configurable: true, writable: false });
}

export function shownRefLogOf(state: unknown): ShownRefLog | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const log = (state as Record<string, unknown>)[SHOWN_REF_LOG_KEY];
  return typeof log === 'object' && log !== null && typeof (log as ShownRefLog).lookup === 'function' ? (log as ShownRefLog) : undefined;
}

/** A storage that keeps shown refs beside the state it stores under `key`. */
export interface ShownRefLogSource {
  shownRefLog(key: string): ShownRefLog;
}

export const shownRefLogSource = (storage: unknown): ShownRefLogSource | undefined =>
  typeof storage === 'object' && storage !== null && typeof (storage as ShownRefLogSource).shownRefLog === 'function' ? (storage as ShownRefLogSource) : undefined;

/**
 * The one walk behind every "newest `limit` distinct refs" rule: pages newest first, each page's pairs oldest first
 * (so each page is walked from its end). `visit` sees each distinct ref once, at its newest showing, newest first;
 * returning true stops the walk.
 */
export function walkNewest(pages: ReadonlyArray<readonly ShownPair[]>, limit: number, visit: (ref: string, id: string, page: number) => boolean | void): void {
  const seen = new Set<string>();
  for (let p = 0; p < pages.length && seen.size < limit; p++) {
    const page = pages[p]!;
    for (let i = page.length - 1; i >= 0 && seen.size < limit; i--) {
      const [ref, id] = page[i]!;
      if (seen.has(ref)) continue;
      seen.add(ref);
      if (visit(ref, id, p) === true) return;
    }
  }
}

/**
 * The newest `limit` distinct pairs of pages given newest first, oldest first (shape 1 of the state field): a
 * re-shown ref counts at its newest showing, with that showing's id.
 */
export function newestPairs(pages: ReadonlyArray<readonly ShownPair[]>, limit: number): Array<[string, string]> {
  const newestFirst: Array<[string, string]> = [];
  walkNewest(pages, limit, (ref, id) => {
    newestFirst.push([ref, id]);
  });
  return newestFirst.reverse();
}

/**
 * Walks pages newest first (each page's pairs oldest first) and finds `ref` among the newest `limit` distinct refs.
 * Without a ref (or when it is not found) also says which pages hold a live pair (the newest showing of one of
 * those refs): the others can be dropped.
 */
export function findInPages(pages: ReadonlyArray<readonly ShownPair[]>, ref: string | undefined, limit: number): { id?: string; livePages: boolean[] } {
  const livePages = pages.map(() => false);
  let found: string | undefined;
  walkNewest(pages, limit, (shownRef, shownId, page) => {
    livePages[page] = true;
    if (shownRef !== ref) return false;
    found = shownId;
    return true;
  });
  return found === undefined ? { livePages } : { id: found, livePages };
}
