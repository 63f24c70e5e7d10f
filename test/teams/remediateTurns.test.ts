// Summarize → remediate → apply in whole turns with the real composition over the demo tenant: typed and by the
// cards' buttons; "Apply fix" goes through the confirmation flow (only the requester confirms, a double click
// applies once), the recommendation turns Healthy in the posture state, and stays so after a restart.
import { MemoryStorage, type Activity } from 'botbuilder';
import { ACTION_AUDIT_COLLECTION, type ActionAuditEntry } from '../../src/actions/actionAudit';
import { createBot } from '../../src/app';
import { loadConfig } from '../../src/config/loadConfig';
import { composeSkills } from '../../src/index';
import { createSilentLogger } from '../../src/logging/logger';
import { projectPath } from '../../src/paths';
import { OVERLAY_COLLECTION } from '../../src/posture/overlay';
import type { RecordsStore } from '../../src/storage/recordsStore';
import { createMemoryRecordsStore } from '../posture/overlayMemoryStore';
import { execute, message, submit, USER } from '../support/activities';
import { createMemoryDeduper } from '../support/memoryDeduper';
import { cardOf, textOf, walk, type Json } from '../support/cardJson';
import { adapterTurns } from '../support/adapterTurns';

const OTHER = { id: '29:user-bob', name: 'Bob', aadObjectId: '00000000-0000-4000-8000-0000000000b0' };

async function startBot(records: RecordsStore, storage: MemoryStorage) {
  const config = loadConfig({ env: { APP_ENV: 'local', PORT: '0' }, envDir: projectPath('env') });
  const logger = createSilentLogger();
  const skills = await composeSkills(config, logger, records);
  const bot = createBot(config, { logger, storage, deduper: createMemoryDeduper(), ...skills, startTypingTimer: false });
  const turn = adapterTurns(bot);
  return { turn, close: () => skills.posture.close() };
}

/** A button's data by its title (Submit or Execute). */
function button(card: Json | undefined, title: string): Json {
  let found: Json | undefined;
  walk(card, (n) => {
    if (!found && (n.type === 'Action.Submit' || n.type === 'Action.Execute') && n.title === title) found = n.type === 'Action.Execute' ? { ...(n.data as Json), verb: n.verb } : (n.data as Json);
  });
  if (!found) throw new Error(`no "${title}" button on ${textOf(card).slice(0, 300)}`);
  return found;
}
const allText = (activities: Array<Partial<Activity>>) =>
  activities.map((a) => [a.text ?? '', ((a.value as { body?: { value?: unknown } } | undefined)?.body?.value as string | undefined) ?? '', textOf(cardOf([a]))].join('\n')).join('\n');

describe('summarize, remediate and apply in whole turns', () => {
  const statusChanges = async (records: RecordsStore) => (await records.list<{ kind: string }>(OVERLAY_COLLECTION)).filter((r) => r.value.kind === 'status').length;

  it('summarizes by name, remediates by button, applies once for the requester only, and stays healthy after a restart', async () => {
    const records = createMemoryRecordsStore();
    const storage = new MemoryStorage();
    const conversationId = '19:fix@thread.v2';
    const options = { conversationId, conversationType: 'groupChat' as const };
    const first = await startBot(records, storage);
    try {
      const summary = cardOf(await first.turn(message('Summarize the SQL public network access one', { ...options, mention: true })));
      expect(textOf(summary)).toContain('Public network access on Azure SQL Database should be disabled');
      expect(textOf(summary)).toContain('Why it matters here');

      const fix = cardOf(await first.turn(submit(button(summary, 'Help me remediate'), options)));
      const blocks: Json[] = [];
      walk(fix, (n) => n.type === 'CodeBlock' && blocks.push(n));
      expect(blocks.map((b) => b.language)).toEqual(['Bash', 'PowerShell']);
      expect((blocks[0]?.fallback as Json).type).toBe('RichTextBlock');

      const proposal = cardOf(await first.turn(submit(button(fix, 'Apply fix'), options)));
      expect(textOf(proposal)).toContain('Simulated');
      expect(textOf(proposal)).toMatch(/Set public network access to Disabled on SQL server "sql-analytics-prod-01"/);
      const confirm = button(proposal, 'Apply');

      const byBob = await first.turn({ ...execute(String(confirm.verb), { ref: String(confirm.ref) }, options), from: OTHER });
      expect(allText(byBob)).toContain('Only Ada, who asked for this, can confirm it.');
      expect(await statusChanges(records)).toBe(0);

      const done = await first.turn(execute(String(confirm.verb), { ref: String(confirm.ref) }, options));
      expect(allText(done)).toMatch(/Simulated fix applied: Set public network access to Disabled/);
      expect(await statusChanges(records)).toBe(1);
      const again = await first.turn(execute(String(confirm.verb), { ref: String(confirm.ref) }, options));
      expect(allText(again)).toContain('Simulated fix applied');
      expect(await statusChanges(records)).toBe(1);

      const audit = (await records.list<ActionAuditEntry>(ACTION_AUDIT_COLLECTION)).map((r) => r.value);
      expect(audit).toEqual([expect.objectContaining({ action: 'applyFix', result: 'done', confirmedBy: expect.objectContaining({ userId: USER.id }) })]);
    } finally {
      first.close();
    }

    const second = await startBot(records, storage);
    try {
      const healthy = await second.turn(message('how do I fix it?', { ...options, mention: true }));
      expect(allText(healthy)).toContain('is already healthy on sql-analytics-prod-01: nothing to fix');

      // Undo: a confirmed change like the fix; only the requester confirms, and a double press takes back once.
      const undo = cardOf(await second.turn(message('undo the fix', { ...options, mention: true })));
      expect(textOf(undo)).toContain('Undo simulated fix');
      const confirmUndo = button(undo, 'Confirm');
      const byBob = await second.turn({ ...execute(String(confirmUndo.verb), { ref: String(confirmUndo.ref) }, options), from: OTHER });
      expect(allText(byBob)).toContain('Only Ada, who asked for this, can confirm it.');
      expect(await statusChanges(records)).toBe(1);
      const undone = await second.turn(execute(String(confirmUndo.verb), { ref: String(confirmUndo.ref) }, options));
      expect(allText(undone)).toContain('Simulated fix undone.');
      expect(allText(undone)).toContain('Unhealthy again');
      expect(await statusChanges(records)).toBe(0);
      await second.turn(execute(String(confirmUndo.verb), { ref: String(confirmUndo.ref) }, options));
      const fixAgain = cardOf(await second.turn(message('how do I fix it?', { ...options, mention: true })));
      expect(textOf(fixAgain)).toContain('Fix: Public network access on Azure SQL Database should be disabled');
      const nothing = await second.turn(message('undo the fix', { ...options, mention: true }));
      expect(allText(nothing)).toContain('there is nothing to undo');
    } finally {
      second.close();
    }
  });

  it('asks which one when the fix is open on several resources, offers no Apply button for a fix the bot never applies, and refuses a typed "apply the fix" for it', async () => {
    const records = createMemoryRecordsStore();
    const bot = await startBot(records, new MemoryStorage());
    try {
      const options = { conversationId: 'a:network' };
      // Open on several storage accounts: the bot asks which one (riskiest first) before scripting a fix.
      const choice = cardOf(await bot.turn(message('how do I fix storage accounts should restrict network access', options)));
      expect(textOf(choice)).toMatch(/Which one\?[\s\S]*is open on \d+ resources/);
      const fix = cardOf(await bot.turn(submit(button(choice, 'Show fix'), options)));
      expect(textOf(fix)).toContain('the bot does not apply this change');
      expect(() => button(fix, 'Apply fix')).toThrow(/no "Apply fix" button/);
      const refused = await bot.turn(message('apply the fix', options));
      expect(allText(refused)).toContain('The bot does not apply this fix');
      expect(await statusChanges(records)).toBe(0);
    } finally {
      bot.close();
    }
  });
});
