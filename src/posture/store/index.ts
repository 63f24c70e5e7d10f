// The columnar posture store: a RecordSink the loader streams records into, and finish() for the engine.
import type { ChangeablePostureEngine } from '../engine';
import type { PostureRecord, RecordSink } from '../model';
import { addRecord, createBuilderState } from './builder';
import { createColumnarEngine } from './engine';
import { buildTable, type FinishOptions } from './join';

export interface PostureStoreBuilder extends RecordSink {
  /** Joins and indexes what was added; the builder cannot be used afterwards. */
  finish(options?: FinishOptions): ChangeablePostureEngine;
}

export interface PostureStoreOptions {
  /** Read at query time for governance state (overdue is relative to today). Defaults to Date.now. */
  now?: () => number;
}

export function createPostureStoreBuilder(options: PostureStoreOptions = {}): PostureStoreBuilder {
  let state: ReturnType<typeof createBuilderState> | undefined = createBuilderState();
  return {
    add(record: PostureRecord) {
      if (!state) throw new Error('posture store builder already finished');
      addRecord(state, record);
    },
    finish(finishOptions) {
      if (!state) throw new Error('posture store builder already finished');
      const table = buildTable(state, finishOptions);
      state = undefined;
      return createColumnarEngine(table, { now: options.now });
    },
  };
}

export type { FinishOptions } from './join';
