// Remediation scripts as files: the remediation card carries a "Download <file>" link per script, served by the
// bot's own HTTP server from the records store as a plain-text attachment, until the link expires. The card
// locally names the listening address; with PUBLIC_BASE_URL it names that one; in production without it, none.
import { MemoryStorage, type Activity } from 'botbuilder';
import { createBot } from '../../src/app';
import { loadConfig } from '../../src/config/loadConfig';
import { composeSkills } from '../../src/index';
import { createSilentLogger } from '../../src/logging/logger';
import { projectPath } from '../../src/paths';
import { createScriptLinks } from '../../src/skills/remediate/scriptLinks';
import { createMemoryRecordsStore } from '../posture/overlayMemoryStore';
import { message } from '../support/activities';
import { createMemoryDeduper } from '../support/memoryDeduper';
import { cardOf, walk, type Json } from '../support/cardJson';
import { adapterTurns } from '../support/adapterTurns';

async function startBot(env: Record<string, string>) {
  const config = loadConfig({ env: { APP_ENV: 'local', PORT: '0', HOST: '127.0.0.1', ...env }, envDir: projectPath('env') });
  const logger = createSilentLogger();
  const { scriptLinks, announceUrl, ...skills } = await composeSkills(config, logger, createMemoryRecordsStore(), { pollMs: 0 });
  const bot = createBot(config, { logger, storage: new MemoryStorage(), deduper: createMemoryDeduper(), ...skills, startTypingTimer: false, scripts: (token) => scriptLinks.open(token) });
  const { url } = await bot.start();
  announceUrl(url);
  const turn = adapterTurns(bot);
  return { url, turn, stop: async () => (await bot.stop(), skills.posture.close()) };
}

const downloads = (card: Json | undefined) => {
  const found: Array<{ title: string; url: string }> = [];
  walk(card, (n) => n.type === 'Action.OpenUrl' && String(n.title).startsWith('Download ') && found.push({ title: String(n.title), url: String(n.url) }));
  return found;
};

describe('remediation script downloads', () => {
  it('links each script on the card and serves it as an attachment; unknown or malformed tokens get 404', async () => {
    const bot = await startBot({});
    try {
      const fix = cardOf(await bot.turn(message('how do I fix public network access on azure sql database should be disabled on sql-analytics-prod-01')));
      const links = downloads(fix);
      expect(links.map((l) => l.title)).toEqual([expect.stringMatching(/^Download .+\.sh$/), expect.stringMatching(/^Download .+\.ps1$/)]);
      for (const link of links) expect(link.url.startsWith(`${bot.url}/api/scripts/`)).toBe(true);

      const codes: string[] = [];
      walk(fix, (n) => n.type === 'CodeBlock' && codes.push(String(n.codeSnippet)));
      const response = await fetch(links[0]?.url ?? '');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="[A-Za-z0-9._-]+\.sh"$/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.text()).toBe(codes[0]);

      const token = new URL(links[0]?.url ?? '').pathname.split('/')[3] ?? '';
      for (const path of [`/api/scripts/${token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}/x.sh`, '/api/scripts/..%2F..%2Fetc/passwd', `/api/scripts/${'A'.repeat(200)}/x.sh`]) {
        const missing = await fetch(`${bot.url}${path}`);
        expect(missing.status).toBe(404);
        expect(await missing.text()).not.toContain('az ');
      }
    } finally {
      await bot.stop();
    }
  });

  it('names PUBLIC_BASE_URL when set, and refuses plain http for an address off this machine', async () => {
    const pub = await startBot({ PUBLIC_BASE_URL: 'https://bot.contoso.example/' });
    try {
      const fix = cardOf(await pub.turn(message('how do I fix public network access on azure sql database should be disabled on sql-analytics-prod-01')));
      expect(downloads(fix).every((l) => l.url.startsWith('https://bot.contoso.example/api/scripts/'))).toBe(true);
      expect(downloads(fix)).toHaveLength(2);
    } finally {
      await pub.stop();
    }
    expect(() => loadConfig({ env: { APP_ENV: 'local', PUBLIC_BASE_URL: 'http://bot.contoso.example' }, envDir: projectPath('env') })).toThrow(/PUBLIC_BASE_URL: must use https/);
  });

  it('a link stops working when it expires', async () => {
    let clock = Date.UTC(2026, 11, 4);
    const links = createScriptLinks({ records: createMemoryRecordsStore(), baseUrl: () => 'https://bot.example', ttlMs: 60_000, now: () => clock });
    const url = await links.linkFor({ fileName: 'fix.sh', text: 'true\n' });
    const token = new URL(url ?? '').pathname.split('/')[3] ?? '';
    expect(await links.open(token)).toEqual({ fileName: 'fix.sh', text: 'true\n' });
    clock += 60_001;
    expect(await links.open(token)).toBeUndefined();
    // Names a script could not have are refused rather than put in a header.
    expect(await links.linkFor({ fileName: 'fix".sh', text: 'true' })).toBeUndefined();
    expect(await links.linkFor({ fileName: 'fix.exe', text: 'true' })).toBeUndefined();
  });
});
