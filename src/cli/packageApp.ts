// Builds build/appPackage.zip for uploading to Teams: the manifest with its ${{NAME}} placeholders filled
// from env/.env.<name>, env/.env.<name>.user and the process environment, plus the two icons. The bot's command
// menu (commandLists) is added from the registered skill modules' sample prompts, not kept by hand in the template.
import { randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseEnv } from 'node:util';
import { ZipFile } from 'yazl';
import type { SamplePrompt } from '../actions/skillModule';
import { pickEnvName } from '../config/loadConfig';
import { projectRoot } from '../paths';
import { skillHelp } from '../skillModules';

export type EnvVars = Record<string, string | undefined>;

export interface PackageAppOptions {
  /** Project folder holding appPackage/ and env/; defaults to this project. */
  rootDir?: string;
  /** Which env/.env.<name> files to read; defaults to the bot's own choice (APP_ENV, else production or local). */
  envName?: string;
  /** Defaults to process.env; always wins over the env files. */
  env?: EnvVars;
  /** Defaults to <rootDir>/build/appPackage.zip. */
  outFile?: string;
  /** The command menu; defaults to the registered skill modules' sample prompts. */
  commands?: readonly SamplePrompt[];
}

export interface PackageAppResult {
  outFile: string;
  envName: string;
  manifest: Record<string, unknown>;
  /** Placeholder names that were filled, sorted. */
  filled: string[];
}

/** Everything wrong with the inputs at once, so one run tells the user all they must fix. */
export class PackageError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Cannot build the Teams app package:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PackageError';
    this.problems = problems;
  }
}

export const PACKAGE_FILES = ['manifest.json', 'color.png', 'outline.png'] as const;
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const ENV_NAME = /^[a-z0-9][a-z0-9-]{0,31}$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOSTNAME = /^(\*\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:\d{1,5})?$/i;
// Fixed timestamps make the zip byte-for-byte reproducible for the same inputs.
const ZIP_MTIME = new Date('2020-01-01T00:00:00Z');

function readEnvFile(path: string, problems: string[]): EnvVars {
  if (!existsSync(path)) return {};
  try {
    return parseEnv(readFileSync(path, 'utf8'));
  } catch (error) {
    problems.push(`${path} could not be read: ${error instanceof Error ? error.message : String(error)}`);
    return {};
  }
}

/** env file, then its .user file, then the process environment; empty values count as unset. */
export function mergeEnv(rootDir: string, envName: string, env: EnvVars, problems: string[]): Record<string, string> {
  const base = join(rootDir, 'env', `.env.${envName}`);
  const merged: Record<string, string> = {};
  for (const layer of [readEnvFile(base, problems), readEnvFile(`${base}.user`, problems), env]) {
    for (const [key, value] of Object.entries(layer)) {
      if (value !== undefined && value.trim() !== '') merged[key] = value.trim();
    }
  }
  return merged;
}

/** Replaces ${{NAME}} in every string of a parsed JSON value; values are inserted as data, never as JSON text. */
export function fillPlaceholders(value: unknown, vars: Record<string, string>, missing: Set<string>, filled: Set<string>): unknown {
  if (typeof value === 'string') {
    return value.replace(PLACEHOLDER, (whole, name: string) => {
      const replacement = vars[name];
      if (replacement === undefined) {
        missing.add(name);
        return whole;
      }
      filled.add(name);
      return replacement;
    });
  }
  if (Array.isArray(value)) return value.map((item) => fillPlaceholders(item, vars, missing, filled));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillPlaceholders(item, vars, missing, filled)]));
  }
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks the filled values Teams itself would reject, with the variable to fix when we know it. */
function checkFilledManifest(manifest: Record<string, unknown>, problems: string[]): void {
  if (typeof manifest.id !== 'string' || !GUID.test(manifest.id)) {
    problems.push(`manifest "id" must be a GUID (got "${String(manifest.id).slice(0, 60)}"): check TEAMS_APP_ID`);
  }
  const bots = Array.isArray(manifest.bots) ? manifest.bots : [];
  for (const bot of bots) {
    const botId = isRecord(bot) ? bot.botId : undefined;
    if (typeof botId !== 'string' || !GUID.test(botId)) {
      problems.push(`bots[].botId must be the bot's Microsoft App ID, a GUID (got "${String(botId).slice(0, 60)}"): check BOT_ID`);
    }
  }
  const domains = Array.isArray(manifest.validDomains) ? manifest.validDomains : [];
  for (const domain of domains) {
    if (typeof domain !== 'string' || !HOSTNAME.test(domain)) {
      problems.push(`validDomains entry "${String(domain).slice(0, 80)}" must be a bare host name (no https://, no path): check BOT_DOMAIN`);
    }
  }
}

/** One command list per bot scope, each listing every sample prompt (Teams: at most 10 commands per list). */
export function withCommands(manifest: Record<string, unknown>, commands: readonly SamplePrompt[], problems: string[]): Record<string, unknown> {
  const bots = Array.isArray(manifest.bots) ? manifest.bots : [];
  const list = commands.map((c) => ({ title: c.title, description: c.description, type: 'prompt', prompt: c.prompt }));
  return {
    ...manifest,
    bots: bots.map((bot) => {
      if (!isRecord(bot)) return bot;
      if (bot.commandLists !== undefined) problems.push('appPackage/manifest.json must not list bot commands: they come from the skill modules\' sample prompts');
      const scopes = Array.isArray(bot.scopes) ? bot.scopes : [];
      return list.length === 0 ? bot : { ...bot, commandLists: scopes.map((scope) => ({ scopes: [scope], commands: list })) };
    }),
  };
}

const HINTS: Record<string, () => string> = {
  TEAMS_APP_ID: () => `${randomUUID()}  (any new GUID; keep it once chosen)`,
  BOT_ID: () => "<the bot's Microsoft App ID: the Entra app registration's client id>",
  BOT_DOMAIN: () => '<host name the bot is reached at, e.g. your tunnel or App Service host, without https://>',
};

function missingMessage(names: string[], envName: string): string {
  const lines = names.map((name) => `${name}=${HINTS[name]?.() ?? '...'}`);
  return (
    `unfilled placeholders in appPackage/manifest.json: ${names.join(', ')}. ` +
    `Set them in env/.env.${envName}.user (git-ignored) or the environment, for example:\n      ${lines.join('\n      ')}`
  );
}

function writeZip(outFile: string, entries: Array<[string, Buffer]>): Promise<void> {
  mkdirSync(dirname(outFile), { recursive: true });
  const zip = new ZipFile();
  for (const [name, data] of entries) zip.addBuffer(data, name, { mtime: ZIP_MTIME });
  zip.end();
  return new Promise((resolvePromise, reject) => {
    const out = createWriteStream(outFile);
    out.on('close', () => resolvePromise());
    out.on('error', reject);
    zip.outputStream.on('error', reject);
    zip.outputStream.pipe(out);
  });
}

export async function packageApp(options: PackageAppOptions = {}): Promise<PackageAppResult> {
  const rootDir = options.rootDir ?? projectRoot();
  const env = options.env ?? process.env;
  const envName = options.envName ?? pickEnvName(env).name;
  if (!ENV_NAME.test(envName)) {
    throw new PackageError([`env name must be a short lower-case name like local or dev (got "${envName.slice(0, 40)}")`]);
  }
  const problems: string[] = [];
  const appDir = join(rootDir, 'appPackage');
  const files = new Map<string, Buffer>();
  for (const name of PACKAGE_FILES) {
    const path = join(appDir, name);
    if (existsSync(path)) files.set(name, readFileSync(path));
    else problems.push(`${path} is missing${name.endsWith('.png') ? ' (regenerate the icons with: node dist/src/cli/makeIcons.js)' : ''}`);
  }
  let template: unknown;
  const manifestText = files.get('manifest.json');
  if (manifestText) {
    try {
      template = JSON.parse(manifestText.toString('utf8'));
    } catch (error) {
      problems.push(`appPackage/manifest.json is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const vars = mergeEnv(rootDir, envName, env, problems);
  const missing = new Set<string>();
  const filled = new Set<string>();
  const manifest = template === undefined ? undefined : fillPlaceholders(template, vars, missing, filled);
  if (missing.size > 0) problems.push(missingMessage([...missing].sort(), envName));
  else if (isRecord(manifest)) checkFilledManifest(manifest, problems);
  else if (manifest !== undefined) problems.push('appPackage/manifest.json must hold a JSON object');
  const packaged = isRecord(manifest) ? withCommands(manifest, options.commands ?? skillHelp().samples, problems) : undefined;
  if (problems.length > 0 || !packaged) throw new PackageError(problems);

  const outFile = options.outFile ?? join(rootDir, 'build', 'appPackage.zip');
  const entries: Array<[string, Buffer]> = PACKAGE_FILES.map((name) => [
    name,
    name === 'manifest.json' ? Buffer.from(`${JSON.stringify(packaged, null, 2)}\n`) : (files.get(name) ?? Buffer.alloc(0)),
  ]);
  await writeZip(outFile, entries);
  return { outFile, envName, manifest: packaged, filled: [...filled].sort() };
}

function parseArgs(argv: string[]): { envName?: string; outFile?: string } {
  const result: { envName?: string; outFile?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if ((arg === '--env' || arg === '--out') && (value === undefined || value.startsWith('--'))) {
      throw new PackageError([`${arg} needs a value`]);
    }
    if (arg === '--env') result.envName = value;
    else if (arg === '--out') result.outFile = value;
    else throw new PackageError([`unknown argument "${String(arg).slice(0, 40)}" (usage: npm run package -- [--env <name>] [--out <file.zip>])`]);
    i++;
  }
  return result;
}

if (require.main === module) {
  Promise.resolve()
    .then(() => packageApp(parseArgs(process.argv.slice(2))))
    .then((result) => {
      process.stdout.write(`Wrote ${result.outFile} (env "${result.envName}"; filled ${result.filled.join(', ') || 'nothing'})\n`);
    })
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    });
}
