// Whole turns through the real gates, Application, registry and card renderer (botbuilder TestAdapter, no HTTP).
import { z } from 'zod';
import { skillHelp } from '../../src/skillModules';
import type { Reply } from '../../src/views/reply';
import { BOT, OTHER_TENANT_ID, TENANT_ID, botAdded, execute, installed, message, submit, userAdded } from '../support/activities';
import { createTestBot } from '../support/testBot';
import type { Activity } from 'botbuilder';

const cardOf = (activity: Partial<Activity> | undefined) => activity?.attachments?.[0]?.content as { body?: unknown[] } | undefined;
const cardText = (activity: Partial<Activity> | undefined) => JSON.stringify(cardOf(activity) ?? {});
const messages = (replies: Partial<Activity>[]) => replies.filter((r) => r.type === 'message');

describe('help', () => {
  it('answers "help" with the help card and sample-prompt suggestions whose title equals their value', async () => {
    const t = createTestBot();
    const replies = await t.turn(message('help'));
    expect(replies).toHaveLength(1);
    expect(replies[0]?.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(replies[0])).toContain('What I can do');
    for (const sample of t.help.samples) expect(cardText(replies[0])).toContain(sample.title);
    const actions = replies[0]?.suggestedActions?.actions ?? [];
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) {
      expect(action.type).toBe('imBack');
      expect(action.title).toBe(action.value);
    }
  });
});

describe('welcome', () => {
  it('greets when the bot itself is added, not when someone else joins', async () => {
    const t = createTestBot();
    expect(await t.turn(userAdded())).toEqual([]);
    const replies = await t.turn(botAdded({ conversationId: 'conv-welcome-1' }));
    expect(replies).toHaveLength(1);
    expect(cardText(replies[0])).toContain('posture bot');
  });

  it('greets on installationUpdate add, once per conversation even when conversationUpdate follows', async () => {
    const t = createTestBot();
    const first = await t.turn(installed('add', { conversationId: 'conv-welcome-2' }));
    expect(first).toHaveLength(1);
    expect(await t.turn(botAdded({ conversationId: 'conv-welcome-2' }))).toEqual([]);
    expect(await t.turn(installed('remove', { conversationId: 'conv-welcome-3' }))).toEqual([]);
  });

  it('greets once when installationUpdate and conversationUpdate arrive at the same time', async () => {
    const t = createTestBot();
    t.adapter.activeQueue.splice(0);
    await Promise.all([
      t.adapter.processActivity(installed('add', { conversationId: 'conv-race' })),
      t.adapter.processActivity(botAdded({ conversationId: 'conv-race' })),
    ]);
    expect(t.adapter.activeQueue.splice(0).filter((r) => cardText(r).includes('posture bot'))).toHaveLength(1);
  });

  it('tells a channel to @mention the bot, and a 1:1 chat to just type', async () => {
    const t = createTestBot();
    const channel = await t.turn(botAdded({ conversationType: 'channel' }));
    expect(cardText(channel[0])).toMatch(/Mention me/);
    const personal = await t.turn(botAdded({ conversationType: 'personal', conversationId: 'conv-welcome-4' }));
    expect(cardText(personal[0])).toMatch(/type a question/);
  });
});

describe('where the bot listens', () => {
  it.each(['channel', 'groupChat'] as const)('ignores a %s message without an @mention: no reply, no state, no planning', async (conversationType) => {
    const t = createTestBot();
    expect(await t.turn(message('help', { conversationType }))).toEqual([]);
    expect(t.storage.touched).toBe(false);
    expect(t.planner.seen).toEqual([]);
  });

  it('answers an @mention in a channel with the mention stripped, in the same thread', async () => {
    const t = createTestBot();
    const incoming = message('help', { conversationType: 'channel', mention: true });
    const replies = await t.turn(incoming);
    expect(t.planner.seen).toEqual(['help']);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.conversation?.id).toBe(incoming.conversation?.id);
    expect(replies[0]?.conversation?.id).toContain(';messageid=');
  });

  it('does not treat a mention of someone else as a mention of the bot', async () => {
    const t = createTestBot();
    const other = { ...message('help', { conversationType: 'groupChat' }), entities: [{ type: 'mention', text: '<at>Bob</at>', mentioned: { id: '29:bob', name: 'Bob' } }] };
    expect(await t.turn(other)).toEqual([]);
  });

  it('accepts card submits in channels (they carry no text to mention in)', async () => {
    const t = createTestBot({ routes: { [skillHelp().samples[0]!.prompt]: [{ do: 'help' }] } });
    const replies = await t.turn(submit({ verb: 'prompt', ref: skillHelp().samples[0]!.ref }, { conversationType: 'channel' }));
    expect(messages(replies)).toHaveLength(1);
  });
});

describe('bad input', () => {
  it('answers an over-long message with its length and the limit, without planning or state', async () => {
    const t = createTestBot();
    const replies = await t.turn(message('x'.repeat(4321)));
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toContain('4,321');
    expect(replies[0]?.text).toContain('4,000');
    expect(t.planner.seen).toEqual([]);
    expect(t.storage.touched).toBe(false);
  });

  it('accepts a message exactly at the limit', async () => {
    const t = createTestBot();
    await t.turn(message('y'.repeat(4000)));
    expect(t.planner.seen).toHaveLength(1);
  });

  it('processes a redelivered activity (same conversation and id) once', async () => {
    const t = createTestBot();
    const activity = message('help', { id: 'dup-1', conversationId: 'conv-dup' });
    expect(await t.turn({ ...activity })).toHaveLength(1);
    expect(await t.turn({ ...activity })).toEqual([]);
    // The same id in another conversation is a different activity.
    expect(await t.turn({ ...message('help', { id: 'dup-1', conversationId: 'conv-dup-2' }) })).toHaveLength(1);
  });
});

describe('tenants', () => {
  const config = { allowedTenantIds: [TENANT_ID] };

  it('refuses a tenant outside the allow-list before any state is loaded', async () => {
    const t = createTestBot({ config });
    const replies = await t.turn(message('help', { tenantId: OTHER_TENANT_ID }));
    expect(replies.map((r) => r.text)).toEqual(['This bot does not serve your organization.']);
    expect(t.storage.touched).toBe(false);
    expect(t.planner.seen).toEqual([]);
  });

  it('refuses an activity with no tenant when a list is configured, and says nothing to other activity types', async () => {
    const t = createTestBot({ config });
    expect((await t.turn(message('help', { tenantId: null })))[0]?.text).toMatch(/does not serve/);
    expect(await t.turn(botAdded({ tenantId: OTHER_TENANT_ID }))).toEqual([]);
    expect(t.storage.touched).toBe(false);
  });

  it('answers a card invoke from a foreign tenant with 403 and nothing else', async () => {
    const t = createTestBot({ config });
    const replies = await t.turn(execute('prompt', { ref: 'p1' }, { tenantId: OTHER_TENANT_ID }));
    expect(replies).toEqual([expect.objectContaining({ type: 'invokeResponse', value: { status: 403 } })]);
    expect(t.storage.touched).toBe(false);
  });

  it('serves a listed tenant, matching case-insensitively', async () => {
    const t = createTestBot({ config });
    expect(await t.turn(message('help', { tenantId: TENANT_ID.toUpperCase() }))).toHaveLength(1);
  });
});

describe('planner output goes through the registry', () => {
  it('refuses an action the registry does not know, with a correlation id', async () => {
    const t = createTestBot({ routes: { 'wipe it': [{ do: 'deleteEverything' }] } });
    const replies = await t.turn(message('wipe it'));
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toMatch(/I don't know the action "deleteEverything"\. Type "help" to see what I can do\. \(ref [0-9a-f]{8}\)/);
  });

  it('refuses invalid parameters before the handler runs', async () => {
    const t = createTestBot({ routes: { 'help me': [{ do: 'help', parameters: { topic: 'x' } }] } });
    const replies = await t.turn(message('help me'));
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toMatch(/^I couldn't run that: the help action got a value it does not accept\./);
    expect(replies[0]?.attachments).toBeUndefined();
  });

  it('hides internal errors behind a safe message and a ref', async () => {
    const boom = {
      name: 'boom',
      description: 'fails',
      parameters: z.object({}).strict(),
      sideEffects: false as const,
      handler: async () => {
        throw new Error('database password is hunter2');
      },
    };
    const t = createTestBot({ routes: { boom: [{ do: 'boom' }] }, actions: [boom] });
    const replies = await t.turn(message('boom'));
    expect(replies[0]?.text).toMatch(/^Something went wrong on my side\. \(ref [0-9a-f]{8}\)$/);
    expect(replies[0]?.text).not.toContain('hunter2');
  });

  it('renders text replies with suggestions as imBack buttons', async () => {
    const echo = {
      name: 'echo',
      description: 'echo',
      parameters: z.object({}).strict(),
      sideEffects: false as const,
      handler: async (_p: unknown, ctx: { reply(r: Reply): Promise<void> }) => ctx.reply({ kind: 'text', text: 'hi', suggestions: ['Show more', ' '] }),
    };
    const t = createTestBot({ routes: { echo: [{ do: 'echo' }] }, actions: [echo] });
    const [reply] = await t.turn(message('echo'));
    expect(reply?.text).toBe('hi');
    expect(reply?.suggestedActions?.actions).toEqual([{ type: 'imBack', title: 'Show more', value: 'Show more' }]);
  });
});

describe('card actions', () => {
  const prompt = skillHelp().samples[0]!;
  const routes = { [prompt.prompt]: [{ do: 'help' }] };

  it('runs a sample prompt named by its ref through the planner', async () => {
    const t = createTestBot({ routes });
    const replies = await t.turn(submit({ verb: 'prompt', ref: prompt.ref }));
    expect(t.planner.seen).toEqual([prompt.prompt]);
    expect(cardText(replies[0])).toContain('What I can do');
  });

  it.each([
    ['an unknown ref', { verb: 'prompt', ref: 'p999' }, /older card/],
    ['an extra field', { verb: 'prompt', ref: prompt.ref, text: 'rm -rf /' }, /data is not valid/],
    ['a ref that is not opaque', { verb: 'prompt', ref: 'Show all; DROP TABLE' }, /data is not valid/],
    ['an unknown verb', { verb: 'deleteAll' }, /isn't one I know/],
    ['no verb', { ref: prompt.ref }, /data is not valid/],
    ['a non-object value', 'help', /data is not valid/],
  ])('refuses %s with a clear message and a ref, without planning', async (_label, value, pattern) => {
    const t = createTestBot({ routes });
    const replies = await t.turn(submit(value));
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toMatch(pattern);
    expect(replies[0]?.text).toMatch(/\(ref [0-9a-f]{8}\)$/);
    expect(t.planner.seen).toEqual([]);
  });

  it('answers Action.Execute with a card that replaces the clicked one', async () => {
    const t = createTestBot({ routes });
    const replies = await t.turn(execute('prompt', { ref: prompt.ref }));
    const invoke = replies.find((r) => r.type === 'invokeResponse');
    const body = (invoke?.value as { status: number; body: { type: string; value: { type: string } } } | undefined);
    expect(body?.status).toBe(200);
    expect(body?.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(body?.body.value.type).toBe('AdaptiveCard');
    expect(messages(replies)).toEqual([]);
  });

  it('answers a tampered Action.Execute with a message in place', async () => {
    const t = createTestBot({ routes });
    const replies = await t.turn(execute('prompt', { ref: '../../etc/passwd' }));
    const invoke = replies.find((r) => r.type === 'invokeResponse');
    const body = invoke?.value as { body: { type: string; value: string } } | undefined;
    expect(body?.body.type).toBe('application/vnd.microsoft.activity.message');
    expect(body?.body.value).toMatch(/not valid.*\(ref [0-9a-f]{8}\)/);
    expect(t.planner.seen).toEqual([]);
  });

  it('lets other engineers add verbs that resolve to registry actions', async () => {
    const t = createTestBot({
      verbs: [{ verb: 'again', data: z.object({}).strict(), resolve: () => ({ kind: 'action', action: { name: 'help', parameters: {} } }) }],
    });
    const replies = await t.turn(submit({ verb: 'again' }));
    expect(cardText(replies[0])).toContain('What I can do');
    expect(BOT.id).toBeDefined();
  });
});
