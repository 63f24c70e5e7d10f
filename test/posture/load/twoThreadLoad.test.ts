// The two-thread load runs only from compiled output (the worker is a .js file), so jest cannot run it in-process:
// this test runs the compiled loader in a child node, once in one thread and once forced onto two, on a tenant with
// bad rows on both sides of the cut, strict and lenient, and requires identical records, results and errors.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectPath } from '../../../src/paths';
import { demoTenantRows } from '../../../src/posture/demo/generator';

const compiled = projectPath('dist', 'src', 'posture', 'load', 'exportFileLoader.js');
const built = existsSync(compiled) && existsSync(projectPath('dist', 'src', 'posture', 'load', 'loadWorker.js'));
if (!built) console.warn(`two-thread load test skipped: no compiled loader at ${compiled} (run npm run build)`);
const maybe = built ? describe : describe.skip;

const CHILD = `
// Count the workers started, so the test knows the two-thread path really ran.
const threads = require('node:worker_threads');
const RealWorker = threads.Worker;
let workers = 0;
threads.Worker = class extends RealWorker { constructor(...args) { super(...args); workers += 1; } };
const { loadExportFiles } = require(${JSON.stringify(compiled)});
const { createCatalog } = require(${JSON.stringify(projectPath('dist', 'src', 'posture', 'catalog', 'catalog.js'))});
const [path, lenient, workerMinBytes] = process.argv.slice(1);
const records = [];
loadExportFiles({ path, catalog: createCatalog(), lenient: lenient === 'true', workerMinBytes: Number(workerMinBytes) }, { add: (r) => records.push(r) })
  .then((result) => process.stdout.write(JSON.stringify({ workers, result, records })))
  .catch((error) => process.stdout.write(JSON.stringify({ workers, error: { name: error.name, code: error.code, message: error.message, details: error.details } })));
`;

function load(path: string, lenient: boolean, twoThreads: boolean): unknown {
  const out = execFileSync(process.execPath, ['-e', CHILD, path, String(lenient), twoThreads ? '0' : String(Number.MAX_SAFE_INTEGER)], { maxBuffer: 256 << 20 });
  const { workers, ...loaded } = JSON.parse(out.toString()) as { workers: number };
  expect(workers).toBe(twoThreads ? 1 : 0);
  return loaded;
}

function writeTenant(dir: string, name: string, badAt: number[]): string {
  const rows = [...demoTenantRows({ assessmentCount: 1500 })].map((row) => JSON.stringify(row));
  const key = '00000000-0000-4000-8000-000000000001';
  const bad = JSON.stringify({ id: `/subscriptions/s/providers/Microsoft.Security/assessments/${key}`, name: key, type: 'microsoft.security/assessments', properties: { status: { code: 'Sick' } } });
  for (const share of [...badAt].sort((a, b) => b - a)) rows.splice(Math.floor(rows.length * share), 0, bad);
  const path = join(dir, name);
  writeFileSync(path, `${rows.join('\n')}\n`);
  return path;
}

maybe('loading one JSON Lines file in two threads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'two-thread-load-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['bad rows on both sides of the cut', [0.1, 0.8]],
    ['a bad row only in the worker part', [0.8]],
  ])('%s: strict and lenient give what one thread gives', (_name, badAt) => {
    const path = writeTenant(dir, `tenant-${badAt.length}.jsonl`, badAt as number[]);
    const strictOne = load(path, false, false);
    expect(load(path, false, true)).toEqual(strictOne);
    expect(strictOne).toMatchObject({ error: { code: 'EXPORT_INVALID', message: expect.stringMatching(/line \d+: properties\.status\.code: "Sick"/) } });
    const lenientOne = load(path, true, false);
    expect(load(path, true, true)).toEqual(lenientOne);
    expect(lenientOne).toMatchObject({ result: { skipped: badAt.length } });
  });
});
