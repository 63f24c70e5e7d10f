// Whole turns on live Azure data with Teams SSO on: assigning an owner writes the Defender governance assignment
// with the confirming user's own Resource Manager token (SSO token -> on-behalf-of through a loopback Entra), after
// the card that says whose rights act. Another user whose roles do not allow it gets a plain 403 answer, and
// nothing is recorded. Neither token reaches the logs.
import type { Activity } from 'botbuilder';
import { governanceAssignmentKey } from '../../src/access/armWrites';
import { OVERLAY_COLLECTION } from '../../src/posture/overlay';
import { cardOf, textOf, walk, type Json } from '../support/cardJson';
import { seeReplies, visible } from '../support/cardText';
import { startLiveSsoBot, type LiveSsoBot } from '../support/liveSsoBot';
import { SSO_CLIENT } from '../support/ssoBot';

const FUTURE = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);

describe('changes in Azure with the user’s own token, in whole turns', () => {
  let live: LiveSsoBot;

  // Both read every subscription; only Alice holds Security Admin (the write fake lets her token write).
  beforeAll(async () => {
    live = await startLiveSsoBot({ people: ['alice', 'bob'], writers: ['alice'] });
  }, 60_000);
  afterAll(() => live.close());

  const say = (name: string, text: string) => live.say(name, text);
  const press = (name: string, data: Record<string, unknown>) => live.press(name, 'confirm', data);
  // A press is answered in the invoke response: the final card, or an error text.
  const allText = (activities: Array<Partial<Activity>>) =>
    [...activities.map((a) => ((a.value as { body?: { value?: unknown } } | undefined)?.body?.value as string | undefined) ?? ''), textOf(cardOf(activities)), ...seeReplies({ activities }).map(visible)].join('\n');
  const confirmRef = (card: Json | undefined): string => {
    let ref = '';
    walk(card, (n) => {
      if (n.type === 'Action.Execute' && n.title === 'Confirm') ref = String((n.data as Json).ref);
    });
    return ref;
  };
  const owners = async () => (await live.records.list<{ kind: string; owner?: string }>(OVERLAY_COLLECTION)).filter((r) => r.value.kind === 'governance').map((r) => r.value.owner);

  async function propose(name: string) {
    await say(name, 'show all risks');
    await say(name, 'details of the first one');
    const card = cardOf(await say(name, 'assign an owner to this one'));
    return { card, ref: confirmRef(card) };
  }

  it("writes the governance assignment with the confirming user's own token, after the card says so", async () => {
    const { card, ref } = await propose('alice');
    expect(textOf(card)).toContain('Set owner and due date');
    expect(textOf(card)).toContain('Your own Azure account (alice): Azure checks your roles.');
    expect(textOf(card)).toContain('written to Defender in Azure as a governance assignment');
    expect(live.writes.calls).toEqual([]);
    const done = await press('alice', { ref, in_owner: 'owner@contoso.com', in_dueDate: FUTURE });
    expect(allText(done)).toMatch(/Owner set to owner@contoso\.com/);
    expect(live.writes.calls).toHaveLength(1);
    const call = live.writes.calls[0]!;
    expect(call).toMatchObject({ method: 'PUT', apiVersion: '2022-01-01-preview', token: 'arm-token-alice', body: { properties: { owner: 'owner@contoso.com', remediationDueDate: `${FUTURE}T23:59:59.999Z`, isGracePeriod: false } } });
    expect(call.path).toMatch(/\/providers\/Microsoft\.Security\/assessments\/[^/]+\/governanceAssignments\/[0-9a-f-]{36}$/);
    expect(call.path.endsWith(governanceAssignmentKey(call.path.replace(/\/governanceAssignments\/[^/]+$/, '')))).toBe(true);
    expect(await owners()).toEqual(['owner@contoso.com']);
  });

  it('explains a 403 plainly and records nothing', async () => {
    const { ref } = await propose('bob');
    const refused = await press('bob', { ref, in_owner: 'someone@contoso.com', in_dueDate: FUTURE });
    expect(allText(refused)).toContain('Azure refused this change (403): your account needs Security Admin (or Owner) on the subscription that holds this resource. Nothing was changed and nothing was recorded.');
    expect(live.writes.calls.at(-1)).toMatchObject({ token: 'arm-token-bob' });
    expect(await owners()).toEqual(['owner@contoso.com']);
  });

  it('logs no token', () => {
    const logged = JSON.stringify(live.memory.lines());
    for (const secret of [...live.tokens.tokens.values(), 'arm-token-alice', 'arm-token-bob', SSO_CLIENT.clientSecret]) expect(logged).not.toContain(secret);
  });
});
