// Regenerates src/posture/catalog/catalog.json from ../shared/defender/catalog.json and the additions taken from
// Defender's reference pages (src/posture/catalog/additions.json). Developer tool: the bot never runs it.
// Usage: node dist/src/cli/buildCatalog.js [--shared <catalog.json>] [--out <file>]
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { projectPath, projectRoot } from '../paths';
import { buildCatalogEntries, serializeCatalog } from '../posture/catalog/buildEntries';

function argValue(args: readonly string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

export function runBuildCatalog(args: readonly string[]): { count: number; out: string } {
  const sharedPath = argValue(args, '--shared') ?? resolve(projectRoot(), '../shared/defender/catalog.json');
  const out = argValue(args, '--out') ?? projectPath('src', 'posture', 'catalog', 'catalog.json');
  const shared = JSON.parse(readFileSync(sharedPath, 'utf8')) as unknown[];
  const additions = JSON.parse(readFileSync(projectPath('src', 'posture', 'catalog', 'additions.json'), 'utf8')) as unknown[];
  const entries = buildCatalogEntries(shared, additions);
  writeFileSync(out, serializeCatalog(entries));
  return { count: entries.length, out };
}

if (require.main === module) {
  try {
    const { count, out } = runBuildCatalog(process.argv.slice(2));
    process.stdout.write(`wrote ${count} entries to ${out}\n`);
  } catch (error) {
    process.stderr.write(`buildCatalog: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
