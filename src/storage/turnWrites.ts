// The writes one turn makes after it has claimed its delivery, held until the turn saves its state and then
// committed with it (src/storage/turnCommit.ts): the reply records of what it sent and the delivery's done mark.
// Whatever is left when the turn ends (it saved no state, or failed, or sent after saving) goes in one more commit.
import type { ConversationStorage, StoreItems } from './conversationStorage';
import type { RecordWrite, RecordWriteOutcome, TurnCommit, TurnRecordWrite } from './turnCommit';

/** A write decided only when the turn commits (the done mark must carry the lease's latest etag). */
export interface ClosingWrite {
  write: RecordWrite;
  /** Told how the write went, once it was committed (or the commit failed). */
  settled(outcome: RecordWriteOutcome): void;
}

export interface TurnWrites {
  /**
   * Holds a write for the turn's commit; false once the turn is over (the caller writes it itself). `settled` hears
   * how it went, once committed.
   */
  defer(write: TurnRecordWrite, settled?: (outcome: RecordWriteOutcome) => void): boolean;
  /** The write that closes the turn; asked for once, at the first commit. */
  closeWith(produce: () => Promise<ClosingWrite | undefined>): void;
  /** The state storage to save through: reads and deletes pass, a write commits the held writes with it. */
  stateStorage(storage: ConversationStorage): ConversationStorage;
  /** Commits whatever is still held; afterwards defer() refuses. */
  finish(): Promise<void>;
}

interface HeldWrite {
  write: TurnRecordWrite;
  settled: ((outcome: RecordWriteOutcome) => void) | undefined;
}

const noOutcome = (): RecordWriteOutcome => ({ ok: false, error: new Error('no outcome') });

// The arrays here are built by loops rather than by spread and `map`, and every held write has one shape. V8 gives an
// empty spread other elements than a full one, and `map` other elements in the interpreter than once its caller is
// optimised: the optimised commit deoptimised when the other kind first came by and was compiled again, well into a
// warm run.
export function createTurnWrites(committer: TurnCommit): TurnWrites {
  let held: HeldWrite[] = [];
  let produce: (() => Promise<ClosingWrite | undefined>) | undefined;
  let closing: ClosingWrite | undefined;
  let finished = false;

  async function commit(state: StoreItems | undefined): Promise<void> {
    if (produce) {
      closing = await produce();
      produce = undefined;
    }
    const mine = held.slice();
    const writes: TurnRecordWrite[] = [];
    for (const h of mine) writes.push(h.write);
    if (closing) writes.push(closing.write);
    if (!state && writes.length === 0) return;
    // On a state conflict this rejects with nothing written; the held writes stay for the retry.
    const outcomes = await committer.commit(state, writes);
    held = held.slice(mine.length);
    for (let i = 0; i < mine.length; i += 1) mine[i]!.settled?.(outcomes[i] ?? noOutcome());
    if (closing) {
      const done = closing;
      closing = undefined;
      done.settled(outcomes[outcomes.length - 1] ?? noOutcome());
    }
  }

  return {
    defer(write, settled) {
      if (finished) return false;
      held.push({ write, settled });
      return true;
    },
    closeWith(next) {
      produce = next;
    },
    stateStorage(storage) {
      return {
        read: (keys) => storage.read(keys),
        delete: (keys) => storage.delete(keys),
        write: (changes) => commit(changes),
      };
    },
    async finish() {
      finished = true;
      await commit(undefined);
    },
  };
}
