// The confirmation flow alone, with a counting side effect and a fake clock: exactly once under racing presses,
// expiry, a crashed run taken over after its lease, a failed run retried, and the stored effect as the only input.
import { z } from 'zod';
import { ACTION_AUDIT_COLLECTION, createActionAudit } from '../../src/actions/actionAudit';
import { confirmationActions, createConfirmationFlow } from '../../src/actions/confirmationFlow';
import { createPendingActionStore, effectDigest, PENDING_ACTIONS_COLLECTION, type PendingAction } from '../../src/actions/pendingActions';
import { createActionRegistry, type ActionContext } from '../../src/actions/registry';
import { AppError } from '../../src/errors/appError';
import { createSilentLogger } from '../../src/logging/logger';
import type { Reply } from '../../src/views/reply';
import { createMemoryRecordsStore } from '../posture/overlayMemoryStore';

const ADA = { id: 'ada-oid', name: 'Ada' };

function setup(options: { fail?: () => boolean } = {}) {
  let clock = Date.UTC(2026, 11, 4, 9, 0);
  const records = createMemoryRecordsStore();
  const registry = createActionRegistry<Reply>();
  const performed: unknown[] = [];
  let release: (() => void) | undefined;
  registry.register({
    name: 'restart',
    description: 'restarts a thing',
    parameters: z.object({ thing: z.string() }).strict(),
    sideEffects: true,
    effect: z.object({ thing: z.string(), note: z.string() }).strict(),
    propose: async ({ thing }) => ({
      effect: { thing, note: '' },
      target: thing,
      card: { title: `Restart ${thing}`, intro: '', facts: [], changes: [`${thing} restarts`], inputs: [{ id: 'note', label: 'Note', kind: 'text', value: '', required: false, maxLength: 20 }], confirmLabel: 'Apply' },
    }),
    withInputs: (effect, inputs) => ({ ...effect, note: inputs.note ?? effect.note }),
    perform: async (effect) => {
      if (options.fail?.()) throw new AppError('DATA_UNAVAILABLE');
      performed.push(effect);
      await new Promise<void>((resolve) => {
        release = resolve;
        setImmediate(resolve);
      });
      return { text: `Restarted ${(effect as { thing: string }).thing}.` };
    },
  });
  const flow = createConfirmationFlow({ registry, store: createPendingActionStore(records), audit: createActionAudit(records), logger: createSilentLogger(), ttlMs: 60_000, now: () => clock });
  registry.useConfirmation(flow);
  for (const action of confirmationActions(flow)) registry.register(action);

  const context = (actor = ADA, conversationId = 'conv-1') => {
    const replies: Reply[] = [];
    const ctx: ActionContext<Reply> = {
      viewer: {},
      actor,
      conversationId,
      conversation: { get: () => undefined, set: () => undefined, delete: () => undefined },
      reply: async (r) => void replies.push(r),
    };
    return { ctx, replies };
  };
  const lastStatus = (replies: Reply[]) => {
    const last = replies[replies.length - 1];
    if (last?.kind === 'text') return last.text;
    if (last?.card.template !== 'confirmation') return '';
    return last.card.model.status;
  };
  async function proposeOne(thing = 'vm-1') {
    const { ctx, replies } = context();
    await registry.run({ name: 'restart', parameters: { thing } }, ctx);
    const card = replies[0];
    if (card?.kind !== 'card' || card.card.template !== 'confirmation') throw new Error('no confirmation card');
    return card.card.model.ref;
  }
  const confirm = (ref: string, inputs: Record<string, string> = {}, actor = ADA) => {
    const c = context(actor);
    return registry.run({ name: 'confirmAction', parameters: { ref, inputs } }, c.ctx).then(() => c.replies);
  };
  const renew = (ref: string, actor = ADA) => {
    const c = context(actor);
    return registry.run({ name: 'renewAction', parameters: { ref } }, c.ctx).then(() => c.replies);
  };
  return { records, registry, performed, proposeOne, confirm, renew, lastStatus, tick: (ms: number) => (clock += ms), release: () => release?.() };
}

describe('confirmation flow', () => {
  it('stores exactly what the card shows, with its digest, and runs the edited effect once for racing presses', async () => {
    const t = setup();
    const ref = await t.proposeOne();
    const [stored] = await t.records.list<PendingAction>(PENDING_ACTIONS_COLLECTION);
    expect(stored?.value).toMatchObject({ action: 'restart', state: 'pending', target: 'vm-1', requester: ADA, effect: { thing: 'vm-1', note: '' } });
    expect(stored?.value.digest).toBe(effectDigest('restart', { thing: 'vm-1', note: '' }));

    const presses = await Promise.all(Array.from({ length: 5 }, () => t.confirm(ref, { note: 'after backup', extra: 'ignored' })));
    expect(t.performed).toEqual([{ thing: 'vm-1', note: 'after backup' }]);
    for (const replies of presses) expect(t.lastStatus(replies)).toMatch(/^(Applied by Ada at 09:00 UTC\. Restarted vm-1\.|Confirmed by Ada: working on it\.)$/);
    const audit = await t.records.list(ACTION_AUDIT_COLLECTION);
    expect(audit.map((r) => r.value)).toEqual([expect.objectContaining({ result: 'done', digest: effectDigest('restart', { thing: 'vm-1', note: 'after backup' }) })]);
  });

  it('runs nothing for an expired draft, offers it again with the edits kept, and the fresh card runs once', async () => {
    const t = setup();
    const ref = await t.proposeOne();
    t.tick(60_001);
    const replies = await t.confirm(ref, { note: 'my edit' });
    expect(t.lastStatus(replies)).toBe('The earlier draft expired at 09:01 UTC, so nothing was applied. Your edits are kept here: press Apply to confirm. This one expires at 09:02 UTC.');
    expect(t.performed).toEqual([]);
    const fresh = replies[0]?.kind === 'card' && replies[0].card.template === 'confirmation' ? replies[0].card.model : undefined;
    expect(fresh?.inputs.map((i) => i.value)).toEqual(['my edit']);
    expect(fresh?.ref).not.toBe(ref);
    // The expired card stays dead: its ref now names a superseded request.
    expect(t.lastStatus(await t.confirm(ref))).toMatch(/newer request/);
    expect(t.lastStatus(await t.confirm(fresh?.ref ?? '', { note: 'my edit' }))).toMatch(/^Applied by Ada/);
    expect(t.performed).toEqual([{ thing: 'vm-1', note: 'my edit' }]);
  });

  it("renews an open draft when its requester's client refreshes it, and only then", async () => {
    const t = setup();
    const ref = await t.proposeOne();
    t.tick(20_000);
    // Early refreshes write nothing: more than half the time is left.
    expect(t.lastStatus(await t.renew(ref))).toBe('Only Ada can confirm. This request expires at 09:01 UTC.');
    t.tick(20_000);
    expect(t.lastStatus(await t.renew(ref, { id: 'bob-oid', name: 'Bob' }))).toBe('Only Ada can confirm. This request expires at 09:01 UTC.');
    expect(t.lastStatus(await t.renew(ref))).toBe('Only Ada can confirm. This request expires at 09:01 UTC.');
    const renewed = (await t.records.list(PENDING_ACTIONS_COLLECTION)).map((r) => (r.value as PendingAction).expiresAt);
    expect(renewed).toEqual([Date.UTC(2026, 11, 4, 9, 1, 40)]);
    t.tick(50_000);
    expect(t.lastStatus(await t.confirm(ref))).toMatch(/^Applied by Ada/);
  });

  it('refuses an input longer than the card allows, keeping the request open', async () => {
    const t = setup();
    const ref = await t.proposeOne();
    expect(t.lastStatus(await t.confirm(ref, { note: 'x'.repeat(21) }))).toBe('Note is longer than 20 characters. Nothing was changed; correct it on the card and press Apply again.');
    expect(t.performed).toEqual([]);
    await t.confirm(ref, { note: 'ok' });
    expect(t.performed).toHaveLength(1);
  });

  it('lets the requester retry a failed run, and take over a run cut by a crash once its lease is over', async () => {
    let failures = 1;
    const t = setup({ fail: () => failures-- > 0 });
    const ref = await t.proposeOne();
    await expect(t.confirm(ref)).rejects.toMatchObject({ code: 'DATA_UNAVAILABLE' });
    expect(t.performed).toEqual([]);
    await t.confirm(ref);
    expect(t.performed).toHaveLength(1);

    // A process that died mid-run leaves "running": a press within the lease shows it, after the lease reruns it.
    const crashed = await t.proposeOne('vm-2');
    const [record] = (await t.records.list<PendingAction>(PENDING_ACTIONS_COLLECTION)).filter((r) => r.value.ref === crashed);
    await t.records.put(PENDING_ACTIONS_COLLECTION, record!.id, { ...record!.value, state: 'running', confirmedAt: Date.UTC(2026, 11, 4, 9, 0), confirmedBy: ADA });
    expect(t.lastStatus(await t.confirm(crashed))).toBe('Confirmed by Ada: working on it.');
    t.tick(2 * 60 * 1000 + 1);
    await t.confirm(crashed);
    expect(t.performed).toHaveLength(2);
  });

  it('refuses a ref of the wrong shape before anything is read', async () => {
    const t = setup();
    await expect(t.confirm('../../etc')).rejects.toMatchObject({ code: 'INVALID_ACTION' });
  });
});

describe('confirmation flow with a long effect', () => {
  it('acknowledges at once with a working card, then finishes in a continuation that replaces the card and says the outcome', async () => {
    const records = createMemoryRecordsStore();
    const registry = createActionRegistry<Reply>();
    let finish: (() => void) | undefined;
    const gate = new Promise<void>((resolve) => (finish = resolve));
    registry.register({
      name: 'openPullRequest',
      description: 'slow',
      parameters: z.object({}).strict(),
      sideEffects: true,
      long: true,
      effect: z.object({ branch: z.string() }).strict(),
      propose: async () => ({ effect: { branch: 'fix/a' }, target: 'repo', card: { title: 'Open a pull request', intro: '', facts: [], changes: ['a PR'], inputs: [], confirmLabel: 'Submit' } }),
      perform: async () => {
        await gate;
        return { text: 'Pull request 7 opened.' };
      },
    });
    const flow = createConfirmationFlow({ registry, store: createPendingActionStore(records), audit: createActionAudit(records), logger: createSilentLogger() });
    registry.useConfirmation(flow);
    for (const action of confirmationActions(flow)) registry.register(action);
    const replies: Reply[] = [];
    const later: Reply[] = [];
    const replaced: Reply[] = [];
    let continuation: Promise<void> | undefined;
    const ctx: ActionContext<Reply> = {
      viewer: {},
      actor: ADA,
      conversationId: 'conv-long',
      conversation: { get: () => undefined, set: () => undefined, delete: () => undefined },
      reply: async (r) => void replies.push(r),
      later: (work) => {
        continuation = work({ reply: async (r) => void later.push(r), replaceCard: async (r) => void replaced.push(r) });
      },
    };
    await registry.run({ name: 'openPullRequest', parameters: {} }, ctx);
    const card = replies[0];
    const ref = card?.kind === 'card' && card.card.template === 'confirmation' ? card.card.model.ref : '';
    await registry.run({ name: 'confirmAction', parameters: { ref, inputs: {} } }, ctx);
    const ack = replies[1];
    expect(ack?.kind === 'card' && ack.card.template === 'confirmation' ? ack.card.model.status : '').toBe('Confirmed by Ada: working on it.');
    expect(later).toEqual([]);
    finish?.();
    await continuation;
    expect(later).toEqual([{ kind: 'text', text: 'Pull request 7 opened.' }]);
    const final = replaced[0];
    expect(final?.kind === 'card' && final.card.template === 'confirmation' ? final.card.model.status : '').toMatch(/^Submitted by Ada at \d\d:\d\d UTC\. Pull request 7 opened\.$/);
  });
});

describe('press-confirmed actions', () => {
  function pressSetup() {
    const records = createMemoryRecordsStore();
    const registry = createActionRegistry<Reply>();
    const performed: unknown[] = [];
    registry.register({
      name: 'acceptAssignment',
      description: "the owner accepts their own assignment",
      parameters: z.object({ id: z.string() }).strict(),
      sideEffects: true,
      confirmedByPress: true,
      effect: z.object({ id: z.string(), accepted: z.literal(true) }).strict(),
      propose: async ({ id }, ctx) => {
        if (ctx.actor.id !== 'owner-oid') throw new AppError('NOT_FOUND', 'Only the owner can accept this.');
        return { effect: { id, accepted: true }, target: id, card: { title: 'Accept', intro: '', facts: [], changes: ['accepted'], inputs: [], confirmLabel: 'Confirm' } };
      },
      perform: async (effect) => {
        performed.push(effect);
        return { text: 'Accepted.' };
      },
    });
    const flow = createConfirmationFlow({ registry, store: createPendingActionStore(records), audit: createActionAudit(records), logger: createSilentLogger() });
    registry.useConfirmation(flow);
    for (const action of confirmationActions(flow)) registry.register(action);
    const run = async (actor: { id: string; name?: string }, pressed: boolean) => {
      const replies: Reply[] = [];
      await registry.run(
        { name: 'acceptAssignment', parameters: { id: 'a1' } },
        { viewer: {}, actor, conversationId: 'c', conversation: { get: () => undefined, set: () => undefined, delete: () => undefined }, reply: async (r) => void replies.push(r), pressed },
      );
      return replies;
    };
    return { run, performed, records };
  }

  it("runs on the owner's own press, once for a double click, and audits it", async () => {
    const t = pressSetup();
    const [first, second] = await Promise.all([t.run({ id: 'owner-oid', name: 'Olu' }, true), t.run({ id: 'owner-oid', name: 'Olu' }, true)]);
    expect(t.performed).toEqual([{ id: 'a1', accepted: true }]);
    expect([first, second].flat().map((r) => (r.kind === 'text' ? r.text : r.kind)).sort()).toEqual(['Accepted.', expect.stringMatching(/^(Already done: Accepted\.|That is already under way\.)$/)].sort());
    expect((await t.records.list(ACTION_AUDIT_COLLECTION)).map((r) => r.value)).toEqual([expect.objectContaining({ action: 'acceptAssignment', result: 'done', confirmedBy: { id: 'owner-oid', name: 'Olu' } })]);
  });

  it("refuses someone else's press, and proposes a card when the same action comes from a plan", async () => {
    const t = pressSetup();
    await expect(t.run({ id: 'intruder' }, true)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const planned = await t.run({ id: 'owner-oid' }, false);
    expect(planned[0]?.kind === 'card' && planned[0].card.template).toBe('confirmation');
    expect(t.performed).toEqual([]);
  });
});
