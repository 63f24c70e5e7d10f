import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeResults } from '../../bench/resultsFiles';
import { sampleResults } from './sampleResults';

describe('writing results', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bench-results-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a well-formed document as <base>.json and <base>.md', () => {
    const outcome = writeResults(sampleResults(), join(dir, 'latest'), { checkShape: true });
    expect(outcome.problems).toEqual([]);
    expect(JSON.parse(readFileSync(join(dir, 'latest.json'), 'utf8'))).toMatchObject({ commit: 'abc123' });
    expect(readFileSync(join(dir, 'latest.md'), 'utf8')).toContain('## Targets');
  });

  it('never puts a malformed document where latest is expected', () => {
    const doc = sampleResults();
    doc.turn.analyze.cpuMsPerTurn = Number.NaN;
    const outcome = writeResults(doc, join(dir, 'latest'), { checkShape: true });
    expect(outcome.problems).toEqual([expect.stringContaining('turn.analyze.cpuMsPerTurn')]);
    expect(existsSync(join(dir, 'latest.json'))).toBe(false);
    expect(outcome.jsonPath).toBe(join(dir, 'latest.invalid.tmp.json'));
    expect(existsSync(outcome.jsonPath)).toBe(true);
  });
});
