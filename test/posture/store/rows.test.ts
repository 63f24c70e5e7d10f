import * as rowLookup from '../../../src/posture/store/rowLookup';
import { KEPT_IDS, rowAssessmentId } from '../../../src/posture/store/rows';
import type { PostureTable } from '../../../src/posture/store/table';
import { SYSTEM_VIEWER } from '../../../src/posture/viewer';
import { engineOf, NOW } from './records';
import { tenantRecords } from './tenant';

afterEach(() => jest.restoreAllMocks());

describe('rows: assessment ids', () => {
  it('builds a row shown again from the id kept for it, not a new concatenation', () => {
    const engine = engineOf(tenantRecords(), { now: NOW });
    const built = jest.spyOn(rowLookup, 'assessmentIdOf');
    const first = engine.search(SYSTEM_VIEWER, { filter: {}, limit: 3 }).items.map((r) => r.assessmentId);
    expect(built).toHaveBeenCalledTimes(3);
    const again = engine.search(SYSTEM_VIEWER, { filter: {}, limit: 3 }).items.map((r) => r.assessmentId);
    expect(again).toEqual(first);
    expect(built).toHaveBeenCalledTimes(3);
    // The ids are the rows' ids: each finds its row's details.
    for (const id of first) expect(engine.details(SYSTEM_VIEWER, id)?.assessmentId).toBe(id);
  });

  it('keeps at most KEPT_IDS ids a table, then starts again with the right ids', () => {
    const rows = KEPT_IDS + 10;
    const table = {
      sparse: { id: new Map<number, string>([[7, 'verbatim-7']]) },
      dict: { resource: { value: (code: number) => `/res/${code}` }, key: { value: (code: number) => `k${code}` } },
      columns: { resource: Int32Array.from({ length: rows }, (_, i) => i), key: Int32Array.from({ length: rows }, (_, i) => i % 3) },
    } as unknown as PostureTable;
    const built = jest.spyOn(rowLookup, 'assessmentIdOf');
    const expected = (row: number) => (row === 7 ? 'verbatim-7' : `/res/${row}/providers/Microsoft.Security/assessments/k${row % 3}`);
    for (let row = 0; row < rows; row++) expect(rowAssessmentId(table, row)).toBe(expected(row));
    expect(built).toHaveBeenCalledTimes(rows);
    // Row 0 was dropped when the table's kept ids were full: built again, the same id.
    expect(rowAssessmentId(table, 0)).toBe(expected(0));
    expect(rowAssessmentId(table, rows - 1)).toBe(expected(rows - 1));
    expect(built).toHaveBeenCalledTimes(rows + 1);
  });
});
