import { AppError } from '../../../src/errors/appError';
import type { PostureEngine } from '../../../src/posture/engine';
import { loadPosture, type PostureStoreBuilderLike } from '../../../src/posture/loadPosture';
import type { PostureRecord } from '../../../src/posture/model';
import { createExportFileSource } from '../../../src/posture/source';
import { createPostureStoreBuilder } from '../../../src/posture/store';
import { SYSTEM_VIEWER } from '../../../src/posture/viewer';
import { VM_ASSESSMENT, azureAssessment, mixedRows } from '../load/rowFixtures';
import { writeExport } from './exportWriters';

function recordingBuilder(): PostureStoreBuilderLike & { records: PostureRecord[]; finished?: { dateShiftMs?: number } } {
  const builder: PostureStoreBuilderLike & { records: PostureRecord[]; finished?: { dateShiftMs?: number } } = {
    records: [],
    add: (record) => builder.records.push(record),
    finish: (options) => {
      builder.finished = options ?? {};
      return {} as PostureEngine;
    },
  };
  return builder;
}

describe('loadPosture', () => {
  it('streams the source into the builder and finishes it', async () => {
    const source = createExportFileSource({ path: writeExport('jsonLines', mixedRows()) });
    const builder = recordingBuilder();
    const { report } = await loadPosture({ source, builder });
    expect(report.hash).toBe(await source.fingerprint!());
    expect(builder.records.find((r) => r.kind === 'assessment' && r.id === VM_ASSESSMENT)).toMatchObject({ status: 'Unhealthy' });
    expect(builder.finished).toEqual({});
  });

  it("shifts dates to now from the export's generatedAt, or by a given amount", async () => {
    const generatedAt = '2026-01-01T00:00:00Z';
    const source = createExportFileSource({ path: writeExport('azGraph', mixedRows(), { generatedAt }) });
    const now = Date.parse('2026-01-11T00:00:00Z');
    const toNow = recordingBuilder();
    await loadPosture({ source, builder: toNow, dateShift: 'toNow', now: () => now });
    expect(toNow.finished).toEqual({ dateShiftMs: 10 * 86_400_000 });
    const fixed = recordingBuilder();
    await loadPosture({ source, builder: fixed, dateShift: 5 });
    expect(fixed.finished).toEqual({ dateShiftMs: 5 });
  });

  it('throws the AppError of a broken export and never finishes the builder', async () => {
    const rows = [...mixedRows(), azureAssessment({ properties: { status: { code: 'Sick' } } })];
    const builder = recordingBuilder();
    await expect(loadPosture({ source: createExportFileSource({ path: writeExport('bareArray', rows) }), builder })).rejects.toBeInstanceOf(AppError);
    expect(builder.finished).toBeUndefined();
  });

  it('builds a working engine with the real store builder', async () => {
    const source = createExportFileSource({ path: writeExport('azGraphGz', mixedRows()) });
    const { engine } = await loadPosture({ source, builder: createPostureStoreBuilder() });
    const result = engine.search(SYSTEM_VIEWER, { filter: { statuses: ['Unhealthy'] }, limit: 10 });
    expect(result.total).toBe(3);
  });
});
