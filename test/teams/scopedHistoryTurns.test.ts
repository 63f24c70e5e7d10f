// Whole turns with Teams SSO on: "what changed since last week" and the executive summary under two users with
// different subscriptions. The history's records are tenant-wide (a hash and a state per assessment); the counts
// and rows each user gets are only those inside their own scope, and the per-subscription
// counts add up to what a user who reads both subscriptions is told. Deleted rows cannot be placed in a
// subscription, so a scoped user is told they are left out rather than given a tenant-wide number.
import type { Activity } from 'botbuilder';
import { DELETED_UNSCOPED_NOTE } from '../../src/skills/analyze/historySkill';
import { message } from '../support/activities';
import { seeReplies, visible } from '../support/cardText';
import { ssoPerson, startSsoBot, type SsoBot } from '../support/ssoBot';

/** The changes card's section headings and the summary's facts, kind by kind. */
const HEADINGS = ['Newly open', 'Fixed', 'Exempted or not applicable', 'Newly assessed'];
const FACTS = ['newly open', 'fixed', 'exempted', 'newly assessed'];

describe('history comparisons under a user’s scope (SSO on)', () => {
  let bot: SsoBot;
  const names = ['alice', 'bob', 'root'] as const;

  beforeAll(async () => {
    bot = await startSsoBot();
    bot.signIn('alice', [0]);
    bot.signIn('bob', [1]);
    // Root reads both: what Alice and Bob see must add up to what Root sees.
    bot.signIn('root', [0, 1]);
  }, 60_000);
  afterAll(() => bot.close());

  const ask = async (name: string, text: string) => {
    const replies = await bot.turn({ ...message(text, { conversationId: `a:${name}-${text.length}` }), from: ssoPerson(name) as Activity['from'] });
    return seeReplies({ activities: replies }).map(visible).join('\n');
  };
  /** "Fixed: 12" lines: the changes card's headings (absent: none of that kind) or the summary's facts. */
  const countsOf = (text: string, titles: readonly string[], absent: number) => titles.map((t) => Number(new RegExp(`^${t}: (\\d+) ?$`, 'm').exec(text)?.[1] ?? absent));
  /** The summary's "3 newly open · 2 fixed · …" line. */
  const summaryCounts = (text: string) => FACTS.map((t) => Number(new RegExp(`(\\d+) ${t}\\b`).exec(text)?.[1] ?? NaN));
  const add = (a: number[], b: number[]) => a.map((n, i) => n + (b[i] ?? NaN));

  it('counts and rows are each user’s own and the subscriptions add up', async () => {
    expect(bot.subs.length).toBeGreaterThanOrEqual(2);
    const changes: Record<string, string> = {};
    const summaries: Record<string, string> = {};
    for (const name of names) {
      changes[name] = await ask(name, 'what changed since last week?');
      summaries[name] = await ask(name, 'give me an executive summary');
    }
    const changed = Object.fromEntries(names.map((n) => [n, countsOf(changes[n]!, HEADINGS, 0)]));
    const summed = Object.fromEntries(names.map((n) => [n, summaryCounts(summaries[n]!.slice(summaries[n]!.lastIndexOf('What changed')))]));
    // Something changed in each subscription, so a tenant-wide number would show.
    expect(changed.alice![0]! + changed.alice![1]!).toBeGreaterThan(0);
    expect(changed.bob![0]! + changed.bob![1]!).toBeGreaterThan(0);
    expect(add(changed.alice!, changed.bob!)).toEqual(changed.root);
    expect(add(summed.alice!, summed.bob!)).toEqual(summed.root);
    expect(summed.alice).not.toEqual(summed.root);
    // Rows shown: only resources of the user's own subscription.
    const onlyBobs = bot.subs[1]!.resources.filter((r) => !bot.subs[0]!.resources.includes(r));
    const onlyAlices = bot.subs[0]!.resources.filter((r) => !bot.subs[1]!.resources.includes(r));
    for (const r of onlyBobs) expect(changes.alice).not.toContain(` · ${r}\n`);
    for (const r of onlyAlices) expect(changes.bob).not.toContain(` · ${r}\n`);
    // Deleted rows: no tenant-wide number for a scoped user, and a note saying why.
    for (const name of names) {
      expect(changes[name]).toContain(DELETED_UNSCOPED_NOTE);
      expect(summaries[name]).not.toMatch(/\d deleted/);
    }
  });
});
