// The kept copy under DATA_DIR as a posture source: the base rows with the journaled refreshes laid over them
// (changeSegments.ts), through the same row intake as every other source. Used when Azure cannot be read at startup.
import { createCatalog } from '../../catalog/catalog';
import { createRowIntake, emptyCounts } from '../../load/rowIntake';
import type { PostureSource } from '../../source';
import { mergeSegments, type ChangeSegment } from './changeSegments';
import { keptRows, type KeptCopy } from './lastGood';

export interface KeptSourceOptions {
  label: string;
  kept: KeptCopy;
  segments: readonly ChangeSegment[];
  lenient: boolean;
}

export function createKeptSource(options: KeptSourceOptions): PostureSource {
  return {
    describe: () => options.label,
    async load(sink) {
      const counts = emptyCounts();
      const intake = createRowIntake({ catalog: createCatalog(), lenient: options.lenient, details: { source: options.label } }, sink, counts);
      let index = 0;
      for await (const row of mergeSegments(keptRows(options.kept.path), options.segments)) intake.row(`kept row ${++index}`, row);
      return { source: options.label, files: [options.kept.path], ...counts, hash: options.kept.info.hash ?? '', generatedAt: options.kept.info.readAt };
    },
  };
}
