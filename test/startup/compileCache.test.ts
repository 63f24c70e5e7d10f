// Node >= 22.1: the entry turns on V8's compile cache (src/compileCache.ts) in Node's default folder under the temp
// directory; only when it is the main module. Node 20 has no compile cache: nothing is written there.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectPath } from '../../src/paths';

const entry = projectPath('dist', 'src', 'index.js');
const hasCompileCache = typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function';

let work: string;
beforeAll(() => {
  if (!existsSync(entry)) throw new Error('dist/src/index.js is missing: run `npm run build` first');
  work = mkdtempSync(join(tmpdir(), 'compile-cache-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Files under <TMPDIR>/node-compile-cache after a child ran with TMPDIR=temp (Node's default cache folder). */
function cacheFilesAfter(args: string[], temp: string): number {
  const result = spawnSync(process.execPath, args, {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: temp, DATA_DIR: join(temp, 'data'), PORT: '0', HOST: '127.0.0.1' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.status !== 0) throw new Error(`the child failed (status ${result.status}): ${result.stderr.slice(-2000)}`);
  const dir = join(temp, 'node-compile-cache');
  const count = (path: string): number => readdirSync(path, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? count(join(path, e.name)) : 1), 0);
  return existsSync(dir) ? count(dir) : 0;
}

describe('the compile cache', () => {
  it(`${hasCompileCache ? 'is written' : 'is not written (no compile cache in this Node)'} when the entry runs`, () => {
    // Stops the bot once it listens: the cache is written as the process exits.
    const preload = join(work, 'exitOnListening.js');
    writeFileSync(preload, "const http = require('node:http'); const listen = http.Server.prototype.listen; http.Server.prototype.listen = function (...a) { this.once('listening', () => process.exit(0)); return listen.apply(this, a); };");
    const files = cacheFilesAfter(['--require', preload, entry], mkdtempSync(join(work, 'main-')));
    if (hasCompileCache) expect(files).toBeGreaterThan(100);
    else expect(files).toBe(0);
  });

  it('is not turned on by importing the entry', () => {
    expect(cacheFilesAfter(['-e', `require(${JSON.stringify(entry)})`], mkdtempSync(join(work, 'import-')))).toBe(0);
  });
});
