// The registered skill modules are the one source of what the bot says it can do: every module's help entries are
// on the help card, the welcome card and in the packaged Teams manifest; its templates exist; and every sample
// prompt it advertises plans to one of its own actions that the registry accepts.
import { ACCOUNT_TEMPLATES } from '../src/account/accountModule';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCardRenderer } from '../src/cards/cardRenderer';
import { packageApp } from '../src/cli/packageApp';
import { projectPath } from '../src/paths';
import { planMessage } from '../src/planner/planMessage';
import { SYSTEM_VIEWER } from '../src/posture/viewer';
import { SKILL_MODULES } from '../src/skillModules';
import { buildWelcomeView } from '../src/skills/help/helpAction';
import type { Reply } from '../src/views/reply';
import { loadDemoEngine } from './planner/support/demoTenant';
import { moduleRegistry, type ModuleRegistry } from './support/moduleRegistry';

const cards = createCardRenderer({ dir: projectPath('adaptiveCards') });

/** Every string in an expanded card: what a person can read on it. */
function textsOf(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(textsOf);
  if (node && typeof node === 'object') return Object.values(node).flatMap(textsOf);
  return [];
}

let modules: ModuleRegistry;
beforeAll(async () => {
  modules = moduleRegistry(await loadDemoEngine());
});

async function helpCard(): Promise<string> {
  const replies: Reply[] = [];
  const memory = new Map<string, unknown>();
  await modules.registry.run(
    { name: 'help', parameters: {} },
    {
      viewer: SYSTEM_VIEWER,
      actor: { id: 'user-1' },
      conversationId: 'c1',
      reply: async (r) => void replies.push(r),
      conversation: { get: <T>(k: string) => memory.get(k) as T | undefined, set: (k, v) => void memory.set(k, v), delete: (k) => void memory.delete(k) },
    },
  );
  const reply = replies[0];
  if (reply?.kind !== 'card') throw new Error('help sent no card');
  return textsOf(cards.expand(reply.card)).join('\n');
}

describe('skill modules', () => {
  it('lists every module once, each with help entries', () => {
    expect(SKILL_MODULES.map((m) => m.name)).toEqual(['analyze', 'assign', 'remediate', 'delegate', 'remediateCode', 'help']);
    for (const module of SKILL_MODULES) expect(module.help.length).toBeGreaterThan(0);
  });

  it("shows every module's help entries and sample prompts on the help card", async () => {
    const card = await helpCard();
    for (const module of SKILL_MODULES) {
      for (const entry of module.help) {
        expect(card).toContain(entry.title);
        expect(card).toContain(entry.description);
        for (const sample of entry.samples) {
          expect(card).toContain(sample.title);
          expect(card).toContain(sample.prompt);
        }
      }
    }
  });

  it("offers every module's sample prompts as welcome-card buttons that the prompt verb resolves", async () => {
    const welcome = textsOf(cards.expand({ template: 'welcome', model: buildWelcomeView('personal', modules.help) })).join('\n');
    const scope = { conversation: { get: () => undefined, set: () => undefined, delete: () => undefined }, viewer: SYSTEM_VIEWER };
    for (const sample of SKILL_MODULES.flatMap((m) => m.help.flatMap((e) => e.samples))) {
      expect(welcome).toContain(sample.title);
      await expect(modules.cardActions.resolve({ verb: 'prompt', ref: sample.ref }, scope)).resolves.toEqual({ kind: 'prompt', text: sample.prompt });
    }
  });

  it("puts every module's sample prompts in the packaged manifest's command list, in every scope", async () => {
    const root = mkdtempSync(join(tmpdir(), 'posture-bot-modules-'));
    try {
      cpSync(projectPath('appPackage'), join(root, 'appPackage'), { recursive: true });
      const env = { TEAMS_APP_ID: '11111111-2222-4333-8444-555555555555', BOT_ID: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', BOT_DOMAIN: 'posture.example.net' };
      const { manifest } = await packageApp({ rootDir: root, envName: 'modules-test', env, outFile: join(root, 'app.zip') });
      const bot = (manifest.bots as Array<{ scopes: string[]; commandLists: Array<{ scopes: string[]; commands: unknown[] }> }>)[0]!;
      expect(bot.commandLists.flatMap((l) => l.scopes).sort()).toEqual([...bot.scopes].sort());
      for (const list of bot.commandLists) {
        for (const module of SKILL_MODULES) {
          for (const sample of module.help.flatMap((e) => e.samples)) {
            expect(list.commands).toContainEqual({ title: sample.title, description: sample.description, type: 'prompt', prompt: sample.prompt });
          }
        }
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('plans every sample prompt to an action of the module that offers it, valid in the registry', async () => {
    const engine = await loadDemoEngine();
    for (const module of SKILL_MODULES) {
      const own = module.create({ posture: { current: () => engine, applyChange: async () => undefined, revertChange: async () => undefined }, help: modules.help }).actions.map((a) => a.name);
      for (const sample of module.help.flatMap((e) => e.samples)) {
        const plan = planMessage(sample.prompt, { vocabulary: engine, viewer: SYSTEM_VIEWER, hasActiveList: true, activeList: { filter: {}, shown: 10, total: 40 } });
        expect(plan).toHaveLength(1);
        expect({ prompt: sample.prompt, ownAction: own.includes(plan[0]?.name ?? '') }).toEqual({ prompt: sample.prompt, ownAction: true });
        expect(modules.registry.checkPlan(plan)).toEqual([]);
      }
    }
  });

  it('names only templates that exist, and every template is used by some module', () => {
    const files = readdirSync(projectPath('adaptiveCards')).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
    const named = new Set([...SKILL_MODULES.flatMap((m) => m.templates), ...ACCOUNT_TEMPLATES]);
    for (const template of named) expect(existsSync(projectPath('adaptiveCards', `${template}.json`))).toBe(true);
    expect(files.filter((f) => !named.has(f))).toEqual([]);
  });
});
