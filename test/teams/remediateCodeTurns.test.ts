// The IaC flow in whole turns with the real composition over the demo tenant and nothing configured: the demo
// repository is initialised under DATA_DIR, findings come grouped by security check, a check's fix is shown as a
// diff with its files and recommendation, and only the requester's Submit opens the (local git) pull request.
import * as fs from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MemoryStorage, type Activity } from 'botbuilder';
import git from 'isomorphic-git';
import { createBot } from '../../src/app';
import { loadConfig } from '../../src/config/loadConfig';
import { DEMO_REPOSITORY_FOLDER } from '../../src/iac/demoRepository';
import { composeSkills } from '../../src/index';
import { createSilentLogger } from '../../src/logging/logger';
import { projectPath } from '../../src/paths';
import { createMemoryRecordsStore } from '../posture/overlayMemoryStore';
import { execute, message, submit } from '../support/activities';
import { cardOf, textOf, walk, type Json } from '../support/cardJson';
import { createMemoryDeduper } from '../support/memoryDeduper';
import { adapterTurns } from '../support/adapterTurns';

const OTHER = { id: '29:user-bob', name: 'Bob', aadObjectId: '00000000-0000-4000-8000-0000000000b0' };

async function startBot(dataDir: string) {
  const config = loadConfig({ env: { APP_ENV: 'local', PORT: '0', DATA_DIR: dataDir }, envDir: projectPath('env') });
  const logger = createSilentLogger();
  const skills = await composeSkills(config, logger, createMemoryRecordsStore());
  const bot = createBot(config, { logger, storage: new MemoryStorage(), deduper: createMemoryDeduper(), ...skills, startTypingTimer: false });
  const turn = adapterTurns(bot);
  return { turn, close: () => skills.posture.close() };
}

function buttons(card: Json | undefined, title: string): Json[] {
  const found: Json[] = [];
  walk(card, (n) => {
    if ((n.type === 'Action.Submit' || n.type === 'Action.Execute') && n.title === title) found.push(n.type === 'Action.Execute' ? { ...(n.data as Json), verb: n.verb } : (n.data as Json));
  });
  return found;
}
function button(card: Json | undefined, title: string, index = 0): Json {
  const found = buttons(card, title)[index];
  if (!found) throw new Error(`no "${title}" button #${index + 1} on ${textOf(card).slice(0, 300)}`);
  return found;
}
const cardsOf = (activities: Array<Partial<Activity>>) => activities.map((a) => cardOf([a])).filter((c): c is Json => c !== undefined);
const texts = (activities: Array<Partial<Activity>>) =>
  activities.map((a) => [a.text ?? '', ((a.value as { body?: { value?: unknown } } | undefined)?.body?.value as string | undefined) ?? ''].join('\n')).join('\n');
const suggestions = (activities: Array<Partial<Activity>>) => activities.flatMap((a) => (a.suggestedActions?.actions ?? []).map((s) => String(s.title)));

describe('remediate code in whole turns (demo repository, local git)', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'iac-turns-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('lists findings by check on a card, shows a fix from its "Fix this" button, and opens a PR only on the requester\'s Submit', async () => {
    const bot = await startBot(dataDir);
    const options = { conversationId: '19:iac@thread.v2', conversationType: 'groupChat' as const };
    try {
      const list = await bot.turn(message('reduce risk in the infrastructure repo', { ...options, mention: true }));
      const listCard = cardOf(list);
      const listText = textOf(listCard);
      expect(listText).toMatch(/8 findings in .*iac-demo-repo \(main at [0-9a-f]{7}\), by security check/);
      expect(listText).toContain('Storage accounts should not allow public blob access');
      expect(listText).toContain('High · modules/storage/main.tf:27');
      expect(listText).toContain('Defender: Storage account public access should be disallowed (51fd8bb1-0db4-bbf1-7e2b-cfcba7eb66a6)');
      expect(listText).toContain('Medium · modules/sql/server.tf:33');
      // One "Fix this" button per security check, carrying only the check's rule id.
      expect(buttons(listCard, 'Fix this').length).toBe(listText.match(/\b\d+\. /g)?.length);
      expect(suggestions(list)).toContain('Fix IaC check 1');

      const storage = await bot.turn(message('fix the IaC findings for storage', { ...options, mention: true }));
      const storageCard = cardOf(storage);
      const storageText = textOf(storageCard);
      expect(storageText).toContain('IaC findings for storage');
      expect(storageText).toMatch(/2 findings in /);
      expect(storageText).toMatch(/1\. Storage accounts should not allow public blob access/);
      expect(storageText).toMatch(/2\. Storage accounts should require TLS 1\.2 or later/);
      const fixThis = button(storageCard, 'Fix this', 1);
      expect(fixThis).toEqual({ verb: 'iacFix', ref: 'storage-min-tls' });

      const proposal = await bot.turn(submit(fixThis, options));
      // The preview is a card of its own, then the confirmation card follows unchanged.
      const [previewCard, card] = cardsOf(proposal);
      const preview = textOf(previewCard).replace(/\u00a0/g, ' ');
      expect(preview).toContain('Fix preview: Storage accounts should require TLS 1.2 or later');
      expect(preview).toContain('Defender recommendation: Storage accounts should have the specified minimum TLS version');
      expect(preview).toContain('Files: modules/storage/main.tf');
      expect(preview).toContain('-  min_tls_version          = var.min_tls');
      expect(preview).toContain('+  min_tls_version          = "TLS1_2"');
      const diffRuns: Json[] = [];
      walk(previewCard, (n) => {
        if (n.type === 'TextRun' && n.fontType === 'Monospace') diffRuns.push(n);
      });
      expect(diffRuns.find((r) => String(r.text).startsWith('+\u00a0\u00a0min_tls_version'))?.color).toBe('Accent');
      expect(textOf(card)).toContain('Open a pull request');
      expect(textOf(card)).toContain('Storage accounts should have the specified minimum TLS version');
      const confirm = button(card, 'Submit');

      const repo = join(dataDir, DEMO_REPOSITORY_FOLDER);
      const branchesBefore = await git.listBranches({ fs, dir: repo });
      const byBob = await bot.turn({ ...execute(String(confirm.verb), { ref: String(confirm.ref) }, options), from: OTHER });
      expect(texts(byBob) + textOf(cardOf(byBob))).toContain('Only Ada, who asked for this, can confirm it.');
      expect(await git.listBranches({ fs, dir: repo })).toEqual(branchesBefore);

      const done = await bot.turn(execute(String(confirm.verb), { ref: String(confirm.ref) }, options));
      const doneText = texts(done) + textOf(cardOf(done));
      expect(doneText).toMatch(/Pull request opened as a draft: file:\/\/\S+pr-1\.patch \(modules\/storage\/main\.tf\)/);
      const branches = await git.listBranches({ fs, dir: repo });
      const branch = branches.find((b) => b.startsWith('posture-bot/iac/storage-min-tls/'));
      expect(branch).toBeDefined();
      const fixed = Buffer.from((await git.readBlob({ fs, dir: repo, oid: await git.resolveRef({ fs, dir: repo, ref: branch as string }), filepath: 'modules/storage/main.tf' })).blob).toString('utf8');
      expect(fixed).toContain('min_tls_version          = "TLS1_2"');
      const main = Buffer.from((await git.readBlob({ fs, dir: repo, oid: await git.resolveRef({ fs, dir: repo, ref: 'main' }), filepath: 'modules/storage/main.tf' })).blob).toString('utf8');
      expect(main).toContain('min_tls_version          = var.min_tls');
      const patchUrl = /file:\/\/\S+pr-1\.patch/.exec(doneText)?.[0] as string;
      const patch = await readFile(fileURLToPath(patchUrl), 'utf8');
      expect(patch).toContain('Defender for Cloud recommendation:** Storage accounts should have the specified minimum TLS version');
      expect(patch).toContain('+  min_tls_version          = "TLS1_2"');

      // Asking again for the same check finds the open pull request instead of opening a second one.
      await bot.turn(message('fix the IaC findings for storage', { ...options, mention: true }));
      const again = await bot.turn(message('fix IaC check 2', { ...options, mention: true }));
      const confirmAgain = button(cardsOf(again).at(-1), 'Submit');
      const second = await bot.turn(execute(String(confirmAgain.verb), { ref: String(confirmAgain.ref) }, options));
      expect(texts(second) + textOf(cardOf(second))).toContain('already open');
    } finally {
      await bot.close();
    }
  }, 60_000);

  it('says clearly when a check cannot be fixed by the bot, and when a recommendation is not IaC', async () => {
    const bot = await startBot(dataDir);
    try {
      await bot.turn(message('show the IaC findings for kubernetes'));
      const refused = await bot.turn(message('fix IaC check 1'));
      expect(texts(refused) + textOf(cardOf(refused))).toMatch(/Fix preview: Kubernetes clusters should use RBAC|cannot fix/);
      // A "Fix this" button whose check the bot does not know (tampered, or from a much older card) is refused.
      const tampered = await bot.turn(submit({ verb: 'iacFix', ref: 'no-such-check' }));
      expect(texts(tampered) + textOf(cardOf(tampered))).toMatch(/not one this bot knows|out of date/);
      const noList = await (await startBot(dataDir)).turn(message('fix IaC check 3', { conversationId: 'fresh' }));
      expect(texts(noList)).toContain('There is no list of IaC checks yet');
    } finally {
      await bot.close();
    }
  }, 60_000);
});
