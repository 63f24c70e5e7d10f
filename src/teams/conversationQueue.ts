// One turn at a time per conversation within this process: Teams delivers a double click or two quick messages as
// concurrent requests, and each turn reads, changes and saves the same conversation state. A turn that hangs does
// not block the conversation forever: after hangTimeoutMs the next one goes ahead (and its save merges).
import type { TurnContext } from 'botbuilder';
import type { Logger } from '../logging/logger';
import type { TurnLogic } from './turnGate';

export const DEFAULT_HANG_TIMEOUT_MS = 10_000;

export interface ConversationQueue {
  /** Runs work after every earlier turn of the same key has finished (or hung past the timeout). */
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
  /** Conversations with a turn running or waiting. */
  busy(): number;
}

export interface ConversationQueueOptions {
  hangTimeoutMs?: number;
  logger?: Logger;
}

export function createConversationQueue(options: ConversationQueueOptions = {}): ConversationQueue {
  const hangTimeoutMs = options.hangTimeoutMs ?? DEFAULT_HANG_TIMEOUT_MS;
  // Per key, the promise the next turn waits for: it resolves when the last queued turn ends or hangs.
  const tails = new Map<string, Promise<void>>();
  return {
    run(key, work) {
      const previous = tails.get(key) ?? Promise.resolve();
      let release!: () => void;
      const tail = new Promise<void>((resolve) => {
        release = resolve;
      });
      tails.set(key, tail);
      return previous.then(async () => {
        const hang = setTimeout(() => {
          options.logger?.warn({ key, hangTimeoutMs }, 'a turn is still running; the next turn in this conversation goes ahead');
          release();
        }, hangTimeoutMs);
        hang.unref();
        try {
          return await work();
        } finally {
          clearTimeout(hang);
          release();
          if (tails.get(key) === tail) tails.delete(key);
        }
      });
    },
    busy: () => tails.size,
  };
}

/** The queue key: turns of one conversation on one channel share conversation state. */
export function conversationKey(context: TurnContext): string | undefined {
  const { channelId, conversation } = context.activity;
  return conversation?.id ? `${channelId ?? ''}|${conversation.id}` : undefined;
}

/** Wraps turn logic so turns of one conversation run one after another. */
export function serializePerConversation(queue: ConversationQueue, logic: TurnLogic): TurnLogic {
  return (context) => {
    const key = conversationKey(context);
    return key === undefined ? logic(context) : queue.run(key, () => logic(context));
  };
}
