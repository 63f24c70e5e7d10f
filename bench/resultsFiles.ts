// Writes a results document as <base>.json and <base>.md, refusing to put a malformed one where it is expected.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BenchResults } from './benchResults';
import { renderMarkdown } from './resultsMarkdown';
import { checkResultsShape } from './resultsShape';

export interface WriteOutcome {
  jsonPath: string;
  mdPath: string;
  problems: string[];
}

/** A malformed document goes to <base>.invalid.tmp.json (git-ignored) instead, so latest.* is never broken. */
export function writeResults(results: BenchResults, base: string, options: { checkShape: boolean }): WriteOutcome {
  const problems = options.checkShape ? checkResultsShape(results, results.settings.scaleRows) : [];
  const target = problems.length > 0 ? `${base}.invalid.tmp` : base;
  mkdirSync(dirname(target), { recursive: true });
  const jsonPath = `${target}.json`;
  const mdPath = `${target}.md`;
  writeFileSync(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(mdPath, renderMarkdown(results));
  return { jsonPath, mdPath, problems };
}
