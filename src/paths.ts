// Where the project's own files are at run time, from source (ts-jest) or compiled output (dist/).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cachedRoot: string | undefined;

/** The folder holding package.json: found by walking up from this file, so it works from src/ and dist/src/. */
export function projectRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${__dirname}`);
    dir = parent;
  }
  cachedRoot = dir;
  return dir;
}

export const projectPath = (...segments: string[]): string => join(projectRoot(), ...segments);
