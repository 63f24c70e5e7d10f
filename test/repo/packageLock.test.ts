// A fresh `npm install` must not rewrite package-lock.json (issue 9, clean install): the lock's root entry says what
// package.json says. .ci/run also fails when `git status` is not clean after npm install.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const read = (file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as Record<string, unknown>;

describe('package-lock.json', () => {
  it('has a root entry matching package.json (name, version, engines, dependencies)', () => {
    const pkg = read('package.json');
    const root = (read('package-lock.json').packages as Record<string, Record<string, unknown>>)[''];
    expect(root).toBeDefined();
    for (const field of ['name', 'version', 'license', 'engines', 'dependencies', 'devDependencies']) expect({ field, value: root?.[field] }).toEqual({ field, value: pkg[field] });
  });

  it('pins every dependency to an exact version, so installs agree', () => {
    const pkg = read('package.json') as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    for (const [name, range] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) expect({ name, range }).toEqual({ name, range: expect.stringMatching(/^\d+\.\d+\.\d+(-[\w.]+)?$/) });
  });

  it('is guarded in CI: the tree must stay clean after npm install, and the suite runs on Node 22 too', () => {
    const ci = readFileSync(join(ROOT, '.ci', 'run'), 'utf8');
    expect(ci).toMatch(/git status --porcelain/);
    expect(ci).toMatch(/node@22/);
  });
});
