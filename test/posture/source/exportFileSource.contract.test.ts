import { createExportFileSource } from '../../../src/posture/source';
import { EXPORT_FORMATS, writeExport } from './exportWriters';
import { runPostureSourceContract } from './postureSource.contract';

for (const format of EXPORT_FORMATS) {
  runPostureSourceContract(`export file (${format})`, async (rows) => createExportFileSource({ path: writeExport(format, rows) }));
}
// Tiny reads force rows, strings and multi-byte characters across chunk boundaries.
runPostureSourceContract('export file (azGraph, 7-byte reads)', async (rows) => createExportFileSource({ path: writeExport('azGraph', rows), highWaterMark: 7 }));
runPostureSourceContract('export file (jsonLinesGz, 5-byte reads)', async (rows) => createExportFileSource({ path: writeExport('jsonLinesGz', rows), highWaterMark: 5 }));
