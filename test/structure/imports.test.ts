// One-way imports, checked on the source text: only the transport (teams/) imports the bot SDKs (botbuilder,
// botframework-*, teams-ai, restify), the transport imports no skill, skills import nothing of the transport, and
// planners and the action platform import no skill.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';

const root = join(__dirname, '..', '..');
const src = join(root, 'src');

/** Every module specifier in a file: import/export ... from, bare import, import(), require(). */
function specifiersOf(text: string): string[] {
  const found: string[] = [];
  const patterns = [/\b(?:import|export)\s[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) if (match[1]) found.push(match[1]);
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Import targets as src-relative paths (`skills/help/module`) or package names (`botbuilder`). */
function importsOf(file: string, base: string = src): string[] {
  return specifiersOf(readFileSync(file, 'utf8')).map((spec) => (spec.startsWith('.') ? relative(base, resolve(dirname(file), spec)).split('\\').join('/') : spec));
}

function violations(fromDir: string, forbidden: (target: string) => boolean): string[] {
  return sourceFiles(join(src, fromDir)).flatMap((file) => importsOf(file).filter(forbidden).map((target) => `${relative(root, file)} imports ${target}`));
}

const TRANSPORT_PACKAGES = /^(botbuilder|botframework-|@microsoft\/teams-ai|restify)/;
const isSkill = (target: string) => target.startsWith('skills/');

/** Every SDK import in a source tree outside its teams/ folder (the composition root included). */
function sdkImportsOutsideTeams(base: string): string[] {
  return sourceFiles(base)
    .filter((file) => !relative(base, file).split('\\').join('/').startsWith('teams/'))
    .flatMap((file) => importsOf(file, base).filter((target) => TRANSPORT_PACKAGES.test(target)).map((target) => `${relative(base, file)} imports ${target}`));
}

describe('import directions', () => {
  it('reads every kind of import statement', () => {
    const text = [
      "import { a } from './one';",
      "import type { B } from '../two';",
      "export { c } from './three';",
      "import './four';",
      "type V = import('../five').V;",
      "const x = require('six');",
      "import {\n  d,\n  e,\n} from 'seven';",
    ].join('\n');
    expect(specifiersOf(text).sort()).toEqual(['../five', '../two', './four', './one', './three', 'seven', 'six']);
  });

  it('finds a forbidden import when there is one', () => {
    expect(violations('teams', (target) => target.startsWith('actions/')).length).toBeGreaterThan(0);
  });

  it('only teams/ imports botbuilder, botframework-*, teams-ai or restify: planners, storage and the composition root are SDK-free', () => {
    expect(sdkImportsOutsideTeams(src)).toEqual([]);
  });

  it('finds an SDK import outside teams/ when there is one, type-only and nested ones too', () => {
    const tree = mkdtempSync(join(tmpdir(), 'imports-'));
    try {
      const write = (path: string, text: string) => {
        mkdirSync(dirname(join(tree, path)), { recursive: true });
        writeFileSync(join(tree, path), text);
      };
      write('teams/bot.ts', "import { Application } from '@microsoft/teams-ai';\nimport type { TurnContext } from 'botbuilder';\n");
      write('planner/keyless.ts', "import type { Planner } from '@microsoft/teams-ai';\n");
      write('storage/blobs.ts', "import { BlobsStorage } from 'botbuilder-azure-blobs';\n");
      write('app.ts', "import type { Storage } from 'botbuilder';\nimport { createTeamsBot } from './teams/bot';\n");
      write('llm/deep/nested.ts', "const connector = require('botframework-connector');\n");
      expect(sdkImportsOutsideTeams(tree).sort()).toEqual([
        'app.ts imports botbuilder',
        'llm/deep/nested.ts imports botframework-connector',
        'planner/keyless.ts imports @microsoft/teams-ai',
        'storage/blobs.ts imports botbuilder-azure-blobs',
      ]);
    } finally {
      rmSync(tree, { recursive: true, force: true });
    }
  });

  it('teams/ imports no skill', () => {
    expect(violations('teams', isSkill)).toEqual([]);
  });

  it('skills import nothing of teams/, botbuilder or teams-ai', () => {
    expect(violations('skills', (target) => target.startsWith('teams/') || TRANSPORT_PACKAGES.test(target))).toEqual([]);
  });

  it('a skill imports no other skill: shared contracts live in src/actions/contracts/', () => {
    const crossing = sourceFiles(join(src, 'skills')).flatMap((file) => {
      const own = relative(src, file).split('/').slice(0, 2).join('/');
      return importsOf(file)
        .filter((target) => isSkill(target) && !target.startsWith(`${own}/`))
        .map((target) => `${relative(root, file)} imports ${target}`);
    });
    expect(crossing).toEqual([]);
  });

  it('planners and the action platform import no skill and nothing of teams/', () => {
    expect(violations('planner', (target) => isSkill(target) || target.startsWith('teams/'))).toEqual([]);
    expect(violations('actions', (target) => isSkill(target) || target.startsWith('teams/') || TRANSPORT_PACKAGES.test(target))).toEqual([]);
    expect(violations('llmPlanner', (target) => isSkill(target) || target.startsWith('teams/'))).toEqual([]);
  });
});
