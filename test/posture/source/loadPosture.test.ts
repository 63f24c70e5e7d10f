import { AppError } from '../../../src/errors/appError';
import type { PostureEngine } from '../../../src/posture/engine';
import { loadPosture, type PostureStoreBuilderLike } from '../../../src/posture/loadPosture';
import type { PostureRecord } from '../../../src/posture/model';
import { createOverlayStore } from '../../../src/posture/overlay';
import { createExportFileSource } from '../../../src/posture/source';
import { createPostureStoreBuilder } from '../../../src/posture/store';
import { SYSTEM_VIEWER } from '../../../src/posture/viewer';
import { createMemoryRecordsStore } from '../overlayMemoryStore';
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
  it('streams the source through overlays into the builder and finishes it', async () => {
    const source = createExportFileSource({ path: writeExport('jsonLines', mixedRows()) });
    const overlays = createOverlayStore(createMemoryRecordsStore());
    const hash = await source.fingerprint!();
    await overlays.add(hash, { kind: 'status', assessmentId: VM_ASSESSMENT, status: 'Healthy', at: 10 });
    await overlays.add('another-export', { kind: 'status', assessmentId: VM_ASSESSMENT, status: 'NotApplicable', at: 11 });
    await overlays.add(hash, { kind: 'governance', assessmentId: VM_ASSESSMENT, owner: 'carol@contoso.com', at: 12 });
    const builder = recordingBuilder();
    const { report, overlayChanges } = await loadPosture({ source, overlays, builder });
    expect(report.hash).toBe(hash);
    expect(overlayChanges).toBe(2);
    const vm = builder.records.find((r) => r.kind === 'assessment' && r.id === VM_ASSESSMENT);
    expect(vm).toMatchObject({ status: 'Healthy' });
    expect(builder.records[builder.records.length - 1]).toMatchObject({ kind: 'governance', owner: 'carol@contoso.com', ticketNumber: '4711' });
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

  it('keeps a local change made today on today when the demo tenant is shifted to now', async () => {
    const generatedAt = '2026-01-01T00:00:00Z';
    const now = Date.parse('2026-03-01T00:00:00Z');
    const source = createExportFileSource({ path: writeExport('azGraph', mixedRows(), { generatedAt }) });
    const overlays = createOverlayStore(createMemoryRecordsStore());
    const dueDate = now + 7 * 86_400_000;
    await overlays.add(await source.fingerprint!(), { kind: 'governance', assessmentId: VM_ASSESSMENT, owner: 'dana@contoso.com', dueDate, at: now });
    const { engine } = await loadPosture({ source, overlays, builder: createPostureStoreBuilder({ now: () => now }), dateShift: 'toNow', now: () => now });
    expect(engine.details(SYSTEM_VIEWER, VM_ASSESSMENT)).toMatchObject({ owner: 'dana@contoso.com', dueDate, governance: 'onTime' });
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
