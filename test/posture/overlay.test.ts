import type { AssessmentRecord, GovernanceRecord, PostureRecord } from '../../src/posture/model';
import { OVERLAY_COLLECTION, createOverlaySink, createOverlayStore } from '../../src/posture/overlay';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteDatabase } from '../../src/storage/sqliteDatabase';
import { createSqliteRecordsStore } from '../../src/storage/sqliteRecordsStore';
import { createMemoryRecordsStore } from './overlayMemoryStore';

const A1 = '/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/virtualMachines/vm1/providers/Microsoft.Security/assessments/k1';
const assessment = (id: string): AssessmentRecord => ({
  kind: 'assessment', id, key: 'k1', displayName: 'd', status: 'Unhealthy', severity: 'High', categories: ['Compute'], threats: [], riskFactors: [], riskFactorLabels: [], attackPathIds: [],
  resourceId: 'r', resourceName: 'vm1', resourceType: 't', cloud: 'Azure', metadataSource: 'row',
});
const exportGovernance: GovernanceRecord = { kind: 'governance', id: 'g1', assessmentId: A1.toLowerCase(), owner: 'bob@x', dueDate: 1, ticketNumber: 'T-1' };

describe('overlay store', () => {
  it('keeps changes per export hash, oldest first, in the posture-overlay collection', async () => {
    const records = createMemoryRecordsStore();
    const overlays = createOverlayStore(records);
    await overlays.add('hashA', { kind: 'status', assessmentId: A1, status: 'Healthy', at: 2000 });
    await overlays.add('hashA', { kind: 'governance', assessmentId: A1, owner: 'alice@x', at: 1000 });
    await overlays.add('hashB', { kind: 'status', assessmentId: A1, status: 'NotApplicable', at: 3000 });
    expect((await overlays.list('hashA')).map((c) => c.at)).toEqual([1000, 2000]);
    expect(await overlays.list('hashB')).toHaveLength(1);
    expect(await overlays.list('hash')).toHaveLength(0);
    expect((await records.list(OVERLAY_COLLECTION)).every((r) => /^hash[AB]:\d{15}:/.test(r.id))).toBe(true);
  });
});

describe('overlay sink', () => {
  const run = (changes: Parameters<typeof createOverlaySink>[1], input: PostureRecord[], dateShiftMs?: number): PostureRecord[] => {
    const out: PostureRecord[] = [];
    const sink = createOverlaySink({ add: (record) => out.push(record) }, changes);
    input.forEach((record) => sink.add(record));
    sink.finish(changes, dateShiftMs);
    return out;
  };

  it("holds what another export's change names, and lets it through unchanged when this export has no change", () => {
    const out: PostureRecord[] = [];
    const other = { kind: 'status' as const, assessmentId: A1, status: 'Healthy' as const, at: 5 };
    const sink = createOverlaySink({ add: (record) => out.push(record) }, [other]);
    sink.add(assessment(A1));
    expect(out).toEqual([]);
    sink.finish([]);
    expect(out).toEqual([assessment(A1)]);
  });

  it('replaces the status of the matching assessment (latest change wins, ids compared case-insensitively)', () => {
    const out = run(
      [
        { kind: 'status', assessmentId: A1.toUpperCase(), status: 'NotApplicable', at: 5 },
        { kind: 'status', assessmentId: A1, status: 'Healthy', at: 3 },
      ],
      [assessment(A1), assessment(`${A1}x`)],
    );
    // Changed assessments are held back until finish, when the date shift is known.
    expect(out.map((r) => r.kind === 'assessment' && r.status)).toEqual(['Unhealthy', 'NotApplicable']);
    expect(out[1]).toMatchObject({ statusChangeDate: 5 });
  });

  it('pre-compensates local dates for the shift the store applies to the export at finish', () => {
    const out = run(
      [
        { kind: 'status', assessmentId: A1, status: 'Healthy', at: 1000 },
        { kind: 'governance', assessmentId: A1, owner: 'alice@x', dueDate: 5000, at: 1000 },
      ],
      [assessment(A1)],
      300,
    );
    expect(out[0]).toMatchObject({ status: 'Healthy', statusChangeDate: 700 });
    expect(out[1]).toMatchObject({ kind: 'governance', dueDate: 4700 });
  });

  it('emits a governance record after the export, merged over the export assignment', () => {
    const out = run([{ kind: 'governance', assessmentId: A1, owner: 'alice@x', dueDate: 99, at: 1 }], [assessment(A1), exportGovernance]);
    expect(out).toHaveLength(3);
    expect(out[1]).toBe(exportGovernance);
    expect(out[2]).toEqual({ ...exportGovernance, owner: 'alice@x', dueDate: 99 });
  });

  it('creates a governance record where the export had none', () => {
    const out = run([{ kind: 'governance', assessmentId: A1, owner: 'alice@x', at: 1 }], [assessment(A1)]);
    expect(out[1]).toEqual({ kind: 'governance', id: `overlay:${A1.toLowerCase()}`, assessmentId: A1.toLowerCase(), owner: 'alice@x' });
  });

  it('passes records through untouched without changes', () => {
    const input = [assessment(A1), exportGovernance];
    expect(run([], input)).toEqual(input);
  });
});

describe('overlay store on the embedded SQLite records store', () => {
  it('persists and lists changes across store instances', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'overlay-sqlite-'));
    const first = createSqliteDatabase(dir);
    await createOverlayStore(createSqliteRecordsStore(first)).add('h1', { kind: 'status', assessmentId: A1, status: 'Healthy', at: 7, by: 'alice' });
    first.close();
    const second = createSqliteDatabase(dir);
    expect(await createOverlayStore(createSqliteRecordsStore(second)).list('h1')).toEqual([{ kind: 'status', assessmentId: A1, status: 'Healthy', at: 7, by: 'alice' }]);
    second.close();
  });
});
