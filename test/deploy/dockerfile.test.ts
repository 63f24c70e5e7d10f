// The Dockerfile, without a Docker engine (none runs here): linted with dockerfile-utils (the linter of the VS Code
// Docker extension's language service), read with dockerfile-ast for the rules issue 21 sets, and its build stage's
// context rebuilt in a temporary folder from exactly what it COPYs (after .dockerignore, matched with
// @balena/dockerignore, Docker's own rules), where `tsc -p tsconfig.build.json` must compile.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import dockerignore from '@balena/dockerignore';
import { Copy, DockerfileParser, type Instruction } from 'dockerfile-ast';
import { validate, ValidationSeverity } from 'dockerfile-utils';

const ROOT = join(__dirname, '..', '..');
const text = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const dockerfile = DockerfileParser.parse(text);

interface Stage {
  image: string;
  name: string | undefined;
  instructions: Instruction[];
}

function stages(): Stage[] {
  const froms = dockerfile.getFROMs();
  return froms.map((from, index) => {
    const start = from.getRange().start.line;
    const image = (from.getImage() ?? '').replace(/^\$\{?(\w+)\}?$/, (whole, name: string) => dockerfile.resolveVariable(name, start) ?? whole);
    const next = froms[index + 1]?.getRange().start.line ?? Number.POSITIVE_INFINITY;
    const instructions = dockerfile.getInstructions().filter((i) => i.getRange().start.line > start && i.getRange().start.line < next);
    return { image, name: from.getBuildStage() ?? undefined, instructions };
  });
}

const argsOf = (instruction: Instruction): string[] => instruction.getArguments().map((a) => a.getValue());
/** The stage a COPY --from= names, if any. */
const copyFrom = (instruction: Instruction): string | undefined =>
  instruction instanceof Copy ? instruction.getFlags().find((f) => f.getName() === 'from')?.getValue() ?? undefined : undefined;
/** COPY sources from the build context (not --from another stage). */
const contextSources = (stage: Stage): string[] =>
  stage.instructions.filter((i) => i.getKeyword() === 'COPY' && copyFrom(i) === undefined).flatMap((i) => argsOf(i).slice(0, -1));

const ignore = dockerignore({ ignorecase: false }).add(readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n'));

describe('Dockerfile', () => {
  it('passes the dockerfile-utils linter with no error or warning', async () => {
    const problems = validate(text, { deprecatedMaintainer: ValidationSeverity.ERROR, emptyContinuationLine: ValidationSeverity.ERROR, instructionCasing: ValidationSeverity.ERROR, instructionCmdMultiple: ValidationSeverity.ERROR, instructionEntrypointMultiple: ValidationSeverity.ERROR, instructionHealthcheckMultiple: ValidationSeverity.ERROR, instructionJSONInSingleQuotes: ValidationSeverity.ERROR, instructionWorkdirRelative: ValidationSeverity.ERROR });
    expect(problems.map((p) => `${p.range.start.line + 1}: ${p.message}`)).toEqual([]);
  });

  it('the linter would see a broken Dockerfile (the check above can fail)', () => {
    expect(validate('FROM node:22\nCOPY\nHEALTHCHECK CMD a\nHEALTHCHECK CMD b\nworkdir app\n').length).toBeGreaterThan(1);
  });

  it('builds in one stage and runs Node 22 in another, as a non-root user, without dev dependencies', () => {
    const [build, runtime, ...more] = stages();
    expect(more).toEqual([]);
    expect(build?.image).toMatch(/^node:22[.-]/);
    expect(runtime?.image).toBe(build?.image);
    const runIn = (stage: Stage | undefined) => stage!.instructions.filter((i) => i.getKeyword() === 'RUN').map((i) => i.getArgumentsContent() ?? '').join('\n');
    expect(runIn(build)).toMatch(/npm run build/);
    expect(runIn(build)).toMatch(/npm prune --omit=dev/);
    expect(runIn(runtime)).not.toMatch(/npm (install|ci)\b/);
    const users = runtime!.instructions.filter((i) => i.getKeyword() === 'USER').map((i) => i.getArgumentsContent());
    expect(users.at(-1)).toBe('node');
    const envs = runtime!.instructions.filter((i) => i.getKeyword() === 'ENV').map((i) => i.getArgumentsContent() ?? '').join(' ');
    expect(envs).toMatch(/NODE_ENV=production/);
    expect(runtime!.instructions.some((i) => copyFrom(i) === build!.name && argsOf(i)[0] === '/app/node_modules')).toBe(true);
    expect(build!.name).toBe('build');
  });

  it('checks health on /healthz with node itself (the slim image has no curl) and starts the bot', () => {
    const healthcheck = dockerfile.getInstructions().find((i) => i.getKeyword() === 'HEALTHCHECK');
    expect(healthcheck?.getArgumentsContent()).toMatch(/CMD \["node", "-e", ".*\/healthz/);
    const cmd = dockerfile.getInstructions().filter((i) => i.getKeyword() === 'CMD').at(-1);
    expect(cmd?.getArgumentsContent()).toBe('["node", "dist/src/index.js"]');
  });

  it('copies every folder the bot reads at run time through projectPath()', () => {
    const runtime = stages()[1]!;
    const copied = runtime.instructions.filter((i) => i.getKeyword() === 'COPY').map((i) => argsOf(i).at(-1)!.replace(/^\.\//, '').replace(/\/$/, ''));
    const needed = new Set<string>();
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) { if (name !== 'cli') walk(path); continue; }
        if (!name.endsWith('.ts')) continue;
        for (const match of readFileSync(path, 'utf8').matchAll(/projectPath\(((?:'[^']+'(?:, )?)+)\)/g)) {
          needed.add(match[1]!.split(', ').map((part) => part.slice(1, -1)).join('/'));
        }
      }
    };
    walk(join(ROOT, 'src'));
    expect(needed.size).toBeGreaterThan(3);
    for (const path of needed) {
      expect({ path, copied: copied.some((target) => path === target || path.startsWith(`${target}/`)) }).toEqual({ path, copied: true });
    }
  });
});

describe('Docker build context', () => {
  const build = stages()[0]!;
  const sources = contextSources(build);

  it('sends what the build stage copies and keeps secrets, state and dependencies out', () => {
    for (const source of sources) {
      expect({ source, exists: existsSync(join(ROOT, source)) }).toEqual({ source, exists: true });
      expect({ source, ignored: ignore.ignores(source) }).toEqual({ source, ignored: false });
    }
    for (const kept of ['node_modules/zod/package.json', 'env/.env.production.user', '.data/posture-bot.sqlite', 'dist/src/index.js', '.git/HEAD', '.localConfigs']) {
      expect({ kept, ignored: ignore.ignores(kept) }).toEqual({ kept, ignored: true });
    }
    for (const runtime of contextSources(stages()[1]!)) expect({ runtime, ignored: ignore.ignores(runtime) }).toEqual({ runtime, ignored: false });
  });

  it('copies what `npm run build` compiles: tsconfig.build.json, what it extends and includes, and the lock', () => {
    const buildConfig = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')) as { extends?: string; include: string[] };
    const needed = ['package.json', 'package-lock.json', 'tsconfig.build.json', ...(buildConfig.extends ? [buildConfig.extends.replace(/^\.\//, '')] : []), ...buildConfig.include];
    for (const path of needed) expect(sources).toContain(path);
  });

  it('compiles from only those files', async () => {
    const context = mkdtempSync(join(tmpdir(), 'posture-docker-context-'));
    try {
      for (const source of sources) {
        cpSync(join(ROOT, source), join(context, source), {
          recursive: true,
          filter: (from) => !ignore.ignores(relative(ROOT, from) || '.'),
        });
      }
      // Stands in for the stage's `npm install`.
      symlinkSync(join(ROOT, 'node_modules'), join(context, 'node_modules'), 'dir');
      const tsc = require.resolve('typescript/bin/tsc');
      await promisify(execFile)(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: context, maxBuffer: 16 * 1024 * 1024 });
      expect(existsSync(join(context, 'dist', 'src', 'index.js'))).toBe(true);
    } finally {
      rmSync(context, { recursive: true, force: true });
    }
  }, 300_000);
});
