import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { AppError } from '../../../src/errors/appError';
import type { PostureRecord } from '../../../src/posture/model';
import { createExportFileSource, type LoadReport } from '../../../src/posture/source';
import { tempDir, writeExport } from '../source/exportWriters';
import { azureAssessment, mixedRows, resourceRow, subscriptionRow } from './rowFixtures';

async function load(path: string, lenient = false): Promise<{ records: PostureRecord[]; report: LoadReport }> {
  const records: PostureRecord[] = [];
  const report = await createExportFileSource({ path, lenient }).load({ add: (record) => records.push(record) });
  return { records, report };
}

async function refusal(path: string): Promise<string> {
  try {
    await load(path);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('EXPORT_INVALID');
    return (error as AppError).message;
  }
  throw new Error('the export was not refused');
}

function fileWith(name: string, content: string | Buffer): string {
  const file = join(tempDir(), name);
  writeFileSync(file, content);
  return file;
}

const badStatusLine = JSON.stringify(azureAssessment({ properties: { status: { code: 'Sick' } } }));
const lines = (...rows: string[]): string => `${rows.join('\n')}\n`;

describe('export file loader: what it reads', () => {
  it('reports generatedAt given before the rows (demo tenant) in documents, JSON Lines headers and REST pages', async () => {
    const at = '2026-05-01T12:00:00Z';
    for (const format of ['azGraph', 'jsonLines', 'restPages', 'azGraphGz'] as const) {
      const { report } = await load(writeExport(format, mixedRows(), { generatedAt: at }));
      expect(report.generatedAt).toBe(Date.parse(at));
      expect(report.rows).toBe(11);
    }
  });

  it('reads a folder recursively in path order and lists the files it read', async () => {
    const dir = writeExport('restPages', mixedRows());
    writeFileSync(join(dir, 'README.txt'), 'not an export');
    writeFileSync(join(dir, '.hidden.json'), 'not even JSON');
    const { report } = await load(dir);
    expect(report.files.map((file) => file.slice(dir.length + 1))).toEqual(['a/page-000.json', 'a/page-002.json', 'a/page-004.json', 'b/page-001.json', 'b/page-003.json', 'b/page-005.json']);
  });

  it('sniffs JSON Lines in a .json file and a single-row document', async () => {
    const { report } = await load(fileWith('rows.json', lines(JSON.stringify(subscriptionRow()), JSON.stringify(resourceRow()))));
    expect(report.records).toBe(2);
    const single = await load(fileWith('one.json', JSON.stringify(resourceRow(), null, 2)));
    expect(single.records).toEqual([expect.objectContaining({ kind: 'resource', name: 'vm-web-01' })]);
  });

  it('matches keys in any case at every level', async () => {
    const shouting = JSON.parse(JSON.stringify(azureAssessment()).replace(/"(properties|status|code|resourceDetails|metadata|severity|risk|level)"/g, (_m, key: string) => `"${key.toUpperCase()}"`));
    const { records } = await load(fileWith('x.jsonl', lines(JSON.stringify(shouting))));
    expect(records[0]).toMatchObject({ status: 'Unhealthy', severity: 'High', riskLevel: 'Critical' });
  });
});

describe('export file loader: broken exports are refused whole, saying where', () => {
  it('names the file, line and field for a bad status in JSON Lines', async () => {
    const rows = Array.from({ length: 16 }, () => JSON.stringify(resourceRow()));
    expect(await refusal(fileWith('tenant.jsonl', lines(...rows, badStatusLine)))).toBe('tenant.jsonl line 17: properties.status.code: "Sick" is not Healthy/Unhealthy/NotApplicable');
  });

  it('names the row index and byte offset in a JSON document', async () => {
    const text = JSON.stringify({ data: [resourceRow(), JSON.parse(badStatusLine)] });
    const offset = text.indexOf(badStatusLine);
    expect(await refusal(fileWith('tenant.json', text))).toBe(`tenant.json data[1] (byte ${offset}): properties.status.code: "Sick" is not Healthy/Unhealthy/NotApplicable`);
  });

  const cases: Array<[string, string, string | Buffer, string]> = [
    ['invalid JSON on a line', 'a.jsonl', lines(JSON.stringify(resourceRow()), '{"id": "x", oops}'), 'a.jsonl line 2: invalid JSON'],
    ['invalid JSON in a row', 'a.json', '[{"id":"/x","type":"a/b"},{"id": tru}]', 'a.json [1] (byte 26): invalid JSON'],
    ['a truncated document', 'a.json', '{"data":[{"id":"/x","type":"a/b"},{"id":"/y"', 'a.json at byte 44: unexpected end of file inside data[1] (the file is truncated)'],
    ['a truncated gzip', 'a.json.gz', gzipSync(JSON.stringify({ data: mixedRows() })).subarray(0, 60), 'a.json.gz: not valid gzip data'],
    ['bad gzip', 'a.json.gz', Buffer.from([0x1f, 0x8b, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 'a.json.gz: not valid gzip data'],
    ['a row that is not an object', 'a.jsonl', lines('[1,2]'), 'a.jsonl line 1: row is not an object (found an array)'],
    ['a document row that is a number', 'a.json', '{"data":[7]}', 'a.json data[0] (byte 9): row is not an object (found number)'],
    ['a row without id', 'a.jsonl', lines(JSON.stringify({ type: 'microsoft.security/assessments', properties: {} })), 'a.jsonl line 1: id: missing'],
    ['a row without type', 'a.jsonl', lines(JSON.stringify({ id: '/subscriptions/s/resourceGroups/r' })), 'a.jsonl line 1: type: missing'],
    ['an assessment without status', 'a.jsonl', lines(JSON.stringify(azureAssessment({ properties: { displayName: 'x' } }))), 'a.jsonl line 1: properties.status.code: missing'],
    ['an assessment without properties', 'a.jsonl', lines(JSON.stringify(azureAssessment({ properties: undefined }))), 'a.jsonl line 1: properties: missing'],
    ['a bad metadata severity', 'a.jsonl', lines(JSON.stringify(azureAssessment({ properties: { status: { code: 'Healthy' }, metadata: { severity: 'Severe' } } }))), 'a.jsonl line 1: properties.metadata.severity: "Severe" is not Low/Medium/High/Critical'],
    ['a bad risk level', 'a.jsonl', lines(JSON.stringify(azureAssessment({ properties: { status: { code: 'Healthy' }, risk: { level: 'Extreme' } } }))), 'a.jsonl line 1: properties.risk.level: "Extreme" is not Low/Medium/High/Critical'],
    ['a bad date', 'a.jsonl', lines(JSON.stringify(azureAssessment({ properties: { status: { code: 'Healthy', statusChangeDate: 'yesterday' } } }))), 'a.jsonl line 1: status.statusChangeDate: "yesterday" is not a date'],
    ['a non-array data', 'a.json', '{"count":1,"data":{"0":{"id":"/x"}}}', 'a.json at byte 18: "data" is not an array of rows'],
    ['an empty file', 'a.json', '', 'a.json at byte 0: the file is empty'],
    ['an empty JSON Lines file', 'a.jsonl', '\n\n', 'a.jsonl: the file is empty'],
    ['a bad generatedAt', 'a.json', '{"generatedAt":"soon","data":[]}', 'a.json generatedAt: generatedAt: "soon" is not a date'],
  ];
  it.each(cases)('%s', async (_what, name, content, message) => {
    expect(await refusal(fileWith(name, content))).toContain(message);
  });

  it('refuses an unreadable path and an empty folder', async () => {
    expect(await refusal(join(tempDir(), 'missing.json'))).toMatch(/cannot read .*missing\.json: ENOENT/);
    expect(await refusal(tempDir())).toContain('no export files');
  });

  it('refuses a file it may not read', async () => {
    if (process.getuid?.() === 0) return; // root reads anything
    const file = fileWith('locked.json', '[]');
    chmodSync(file, 0o000);
    expect(await refusal(file)).toContain('EACCES');
  });

  it('names the file inside a folder by its relative path', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'a.jsonl'), lines(JSON.stringify(resourceRow())));
    writeFileSync(join(dir, 'sub', 'b.jsonl'), lines(badStatusLine));
    expect(await refusal(dir)).toMatch(/^sub\/b\.jsonl line 1: /);
  });
});

describe('export file loader: lenient mode', () => {
  it('skips bad rows, counts them, keeps the first few reasons and loads the rest', async () => {
    const bad = Array.from({ length: 7 }, () => badStatusLine);
    const file = fileWith('t.jsonl', lines(JSON.stringify(resourceRow()), ...bad, 'not json', JSON.stringify(subscriptionRow())));
    const { records, report } = await load(file, true);
    expect(records.map((record) => record.kind)).toEqual(['resource', 'subscription']);
    expect(report).toMatchObject({ rows: 10, records: 2, skipped: 8 });
    expect(report.skippedReasons).toHaveLength(5);
    expect(report.skippedReasons[0]).toBe('t.jsonl line 2: properties.status.code: "Sick" is not Healthy/Unhealthy/NotApplicable');
  });

  it('still refuses what is not a row problem (truncated document)', async () => {
    const file = fileWith('t.json', '{"data":[{"id":"/x","type":"a/b"}');
    await expect(load(file, true)).rejects.toThrow('unexpected end of file');
  });
});
