// The columnar posture store: a RecordSink the loader streams records into, and finish() for the engine.
import type { ChangeablePostureEngine } from '../engine';
import type { PostureRecord, RecordSink } from '../model';
import { addRecord, createBuilderState } from './builder';
import { mergeBuilderPart, type BuilderPart, type PartSink } from './builderPart';
import { createColumnarEngine } from './engine';
import { buildTable, type FinishOptions } from './join';

/**
 * `addBuilderPart` takes a loader worker's part whole (columns built in the worker). It is optional in the type: a
 * wrapper that needs every record (the replicas' snapshot writer) leaves it out and the loader sends it records.
 */
export interface PostureStoreBuilder extends RecordSink, Partial<Pick<PartSink, 'addBuilderPart'>> {
  /** It reads records member by member and keeps none whole: the loader may give it dense ones (load/rowIntake.ts). */
  readonly takesDenseRecords?: true;
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
    takesDenseRecords: true,
    add(record: PostureRecord) {
      if (!state) throw new Error('posture store builder already finished');
      addRecord(state, record);
    },
    addBuilderPart(part: BuilderPart) {
      if (!state) throw new Error('posture store builder already finished');
      mergeBuilderPart(state, part);
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
