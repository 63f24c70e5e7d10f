// A throwaway DATA_DIR per test file; removed afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempDataDir {
  dir: string;
  cleanup(): void;
}

export function createTempDataDir(prefix = 'posture-bot-test-'): TempDataDir {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
