// Writes demo-history.json from a demo tenant file: loads it through the real loader and generates its history.
import { writeFile } from 'node:fs/promises';
import { loadPosture } from '../loadPosture';
import { createExportFileSource } from '../source';
import { createPostureStoreBuilder } from '../store';
import { SYSTEM_VIEWER } from '../viewer';
import { generateDemoHistory, type DemoHistoryFile, type DemoHistoryRow } from './history';

export async function writeDemoHistoryFile(tenantPath: string, out: string, seed: string): Promise<DemoHistoryFile> {
  const { engine } = await loadPosture({ source: createExportFileSource({ path: tenantPath }), builder: createPostureStoreBuilder() });
  const rows: DemoHistoryRow[] = engine.search(SYSTEM_VIEWER, { filter: {}, sort: 'severity', offset: 0, limit: 1_000_000 }).items;
  const file = generateDemoHistory(rows, seed);
  await writeFile(out, `${JSON.stringify(file, null, 1)}\n`);
  return file;
}
