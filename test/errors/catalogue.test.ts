// One error catalogue (issue 8 item 9): every entry is complete and consistent, and src/ uses no code outside it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { constants } from 'node:os';
import { join, relative } from 'node:path';
import { AppError, ERROR_CODES } from '../../src/errors/appError';
import { ERROR_CATALOGUE } from '../../src/errors/catalogue';

const SRC = join(__dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

// Where a code is named: thrown, compared, or sent in an HTTP error body.
const CODE_USES = [
  /AppError\(\s*'([A-Z][A-Z0-9_]*)'/g,
  /\bcode\s*[!=]==\s*'([A-Z][A-Z0-9_]*)'/g,
  /'([A-Z][A-Z0-9_]*)'\s*[!=]==\s*[\w.?]*\bcode\b/g,
  /\brefuse\(\s*\w+,\s*'([A-Z][A-Z0-9_]*)'/g,
  /\berrorBody\(\s*'([A-Z][A-Z0-9_]*)'/g,
];

describe('error catalogue', () => {
  it('gives every code a user message, an HTTP status and an expected flag that agree', () => {
    for (const [code, entry] of Object.entries(ERROR_CATALOGUE)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(entry.userMessage).toMatch(/^[A-Z].*\.$/);
      expect(entry.userMessage).not.toMatch(/error|exception|stack|sqlite/i);
      expect(entry.httpStatus).toBeGreaterThanOrEqual(400);
      expect(entry.httpStatus).toBeLessThan(600);
      // An expected refusal is about the request, never the server's fault.
      if (entry.expected) expect(entry.httpStatus).toBeLessThan(500);
    }
  });

  it('is where AppError takes its default messages from', () => {
    for (const code of Object.keys(ERROR_CATALOGUE) as Array<keyof typeof ERROR_CATALOGUE>) {
      expect(new AppError(code).userMessage).toBe(ERROR_CATALOGUE[code].userMessage);
      expect(ERROR_CODES[code]).toBe(ERROR_CATALOGUE[code].userMessage);
    }
  });

  it('finds every code src/ uses in the catalogue', () => {
    const unknown: string[] = [];
    let uses = 0;
    for (const file of sourceFiles(SRC)) {
      if (file.endsWith(join('errors', 'catalogue.ts'))) continue;
      const text = readFileSync(file, 'utf8');
      for (const pattern of CODE_USES) {
        for (const match of text.matchAll(pattern)) {
          if (match[1]! in constants.errno) continue; // a Node system error (EADDRINUSE …), not one of ours
          uses += 1;
          if (!(match[1]! in ERROR_CATALOGUE)) unknown.push(`${relative(SRC, file)}: ${match[1]}`);
        }
      }
    }
    expect(unknown).toEqual([]);
    expect(uses).toBeGreaterThan(30); // the scan does see the codes (it cannot pass by finding nothing)
  });

  it('would catch a code used outside it', () => {
    const sample = "throw new AppError('NOT_IN_CATALOGUE', 'x'); if (error.code === 'ALSO_MISSING') refuse(res, 'THIRD_ONE');";
    const found = CODE_USES.flatMap((p) => [...sample.matchAll(p)].map((m) => m[1]));
    expect(found.sort()).toEqual(['ALSO_MISSING', 'NOT_IN_CATALOGUE', 'THIRD_ONE']);
  });
});
