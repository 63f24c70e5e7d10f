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
let workerExited = false;
let partAfterExit;
threads.Worker = class extends RealWorker { constructor(...args) { super(...args); workers += 1; this.on('exit', () => { workerExited = true; }); } };
const { loadExportFiles } = require(${JSON.stringify(compiled)});
const { createCatalog } = require(${JSON.stringify(projectPath('dist', 'src', 'posture', 'catalog', 'catalog.js'))});
const { addRecord, createBuilderState } = require(${JSON.stringify(projectPath('dist', 'src', 'posture', 'store', 'builder.js'))});
const { mergeBuilderPart } = require(${JSON.stringify(projectPath('dist', 'src', 'posture', 'store', 'builderPart.js'))});
const [path, lenient, workerMinBytes, sinkKind, threadCount] = process.argv.slice(1);
const records = [];
// 'columns': a store builder's state, which takes the worker's part whole; the state is printed with Map and Set
// orders kept, dictionaries as their spellings and lower-cased values, columns as arrays.
const state = createBuilderState();
const sink = sinkKind === 'columns'
  ? { add: (r) => addRecord(state, r), addBuilderPart: (part) => { partAfterExit = workerExited; mergeBuilderPart(state, part); } }
  : { add: (r) => records.push(r) };
const plain = (value) => {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Map) return ['Map', [...value].map(([k, v]) => [plain(k), plain(v)])];
  if (value instanceof Set) return ['Set', [...value].map(plain)];
  if (ArrayBuffer.isView(value)) return Array.from(value);
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value.values === 'function' && typeof value.lowerValues === 'function') return { values: value.values(), lower: value.lowerValues() };
  if (typeof value.toArray === 'function') return Array.from(value.toArray());
  return Object.fromEntries(Object.entries(value).filter(([k, v]) => k !== 'interned' && v !== undefined).map(([k, v]) => [k, plain(v)]));
};
loadExportFiles({ path, catalog: createCatalog(), lenient: lenient === 'true', workerMinBytes: Number(workerMinBytes), threads: threadCount === 'auto' ? 'auto' : Number(threadCount) }, sink)
  .then((result) => process.stdout.write(JSON.stringify({ workers, partAfterExit, result, ...(sinkKind === 'columns' ? { state: plain(state) } : { records }) })))
  .catch((error) => process.stdout.write(JSON.stringify({ workers, error: { name: error.name, code: error.code, message: error.message, details: error.details } })));
`;

function load(path: string, lenient: boolean, twoThreads: boolean, sink: 'records' | 'columns' = 'records'): unknown {
  // Two threads asked for explicitly (threads: 2): the default ('auto') starts no worker on a machine of 2 cores.
  const out = execFileSync(process.execPath, ['-e', CHILD, path, String(lenient), twoThreads ? '0' : String(Number.MAX_SAFE_INTEGER), sink, twoThreads ? '2' : '1'], {
    maxBuffer: 256 << 20,
  });
  const { workers, partAfterExit, ...loaded } = JSON.parse(out.toString()) as { workers: number; partAfterExit?: boolean };
  expect(workers).toBe(twoThreads ? 1 : 0);
  // The worker's part is taken only once the worker is gone (its heap freed first), never while it still runs.
  if (twoThreads && sink === 'columns' && 'result' in loaded) expect(partAfterExit).toBe(true);
  // The result says how many threads ran; everything else must match what one thread gives.
  const result = (loaded as { result?: { threads?: number } }).result;
  if (result) {
    expect(result.threads).toBe(twoThreads ? 2 : 1);
    delete result.threads;
  }
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

/** Resource rows go last (so the worker's half holds them), their tags in turn shaped alike under a naive key join. */
function writeOddTags(dir: string, name: string): string {
  const variants: Array<Record<string, string>> = [{}, { '': 'blank' }, { env: 'prod', owner: 'ana' }, { 'a\u0000b': 'joined' }, { a: 'x', b: 'y' }, { 'İ': 'dotted', 'ı': 'dotless' }, { constructor: 'c', toString: 't' }];
  const others: string[] = [];
  const resources: string[] = [];
  let n = 0;
  for (const row of demoTenantRows({ assessmentCount: 1500 })) {
    const id = String((row as { id?: unknown }).id);
    const isResource = (row as { tags?: unknown }).tags !== undefined && /\/providers\/(?!Microsoft\.Security)/i.test(id) && !/\/resourceGroups\/[^/]+$/i.test(id);
    if (isResource) resources.push(JSON.stringify({ ...row, tags: variants[n++ % variants.length] }));
    else others.push(JSON.stringify(row));
  }
  expect(n).toBeGreaterThan(variants.length * 4);
  const path = join(dir, name);
  writeFileSync(path, `${[...others, ...resources].join('\n')}\n`);
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

  it.each([
    ['bad rows on both sides of the cut', [0.1, 0.8]],
    ['a bad row only in the worker part', [0.8]],
  ])('%s: a store builder gets the worker\'s columns and ends as one thread leaves it', (_name, badAt) => {
    const path = writeTenant(dir, `columns-${badAt.length}.jsonl`, badAt as number[]);
    const strictOne = load(path, false, false, 'columns');
    expect(load(path, false, true, 'columns')).toEqual(strictOne);
    expect(strictOne).toMatchObject({ error: { code: 'EXPORT_INVALID' } });
    const lenientOne = load(path, true, false, 'columns') as { state: { cols: { key: number[] } } };
    expect(lenientOne.state.cols.key.length).toBeGreaterThan(1000);
    expect(load(path, true, true, 'columns')).toEqual(lenientOne);
  });
  it('resources whose tag names join alike ({} and {"": …}, "a\\u0000b" and a, b) keep their own tags across the hand-over', () => {
    const path = writeOddTags(dir, 'odd-tags.jsonl');
    const one = load(path, true, false, 'columns') as { state: { resources: unknown } };
    expect(JSON.stringify(one.state.resources)).toContain('joined');
    expect(load(path, true, true, 'columns')).toEqual(one);
  });
});
