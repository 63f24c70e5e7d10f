// Pending confirmations across a rolling deploy: two adjacent versions of one side-effect action on one records store.
// A card proposed by the next version (an effect field this version does not know) is confirmed here and runs once,
// keeping the field in the record; a card proposed here is confirmed by the next version; a record the next version
// marked unreadable for this one is left alone with a clear answer.
import { z } from 'zod';
import { ACTION_AUDIT_COLLECTION, createActionAudit } from '../../src/actions/actionAudit';
import { confirmationActions, createConfirmationFlow } from '../../src/actions/confirmationFlow';
import { createPendingActionStore, PENDING_ACTIONS_COLLECTION, PENDING_SHAPE_VERSION, type PendingAction } from '../../src/actions/pendingActions';
import { createActionRegistry, type ActionContext } from '../../src/actions/registry';
import { createSilentLogger } from '../../src/logging/logger';
import type { RecordsStore } from '../../src/storage/recordsStore';
import type { Reply } from '../../src/views/reply';
import { createMemoryRecordsStore } from '../posture/overlayMemoryStore';
import { lostNextFields, rewriteAsNextVersion } from '../support/versionSkew';

const ADA = { id: 'ada-oid', name: 'Ada' };
const baseEffect = z.object({ thing: z.string(), note: z.string(), steps: z.array(z.object({ name: z.string() }).strict()) }).strict();

/** One version of the bot: `next` adds an optional effect field (a maintenance window) its proposals fill in. */
function version(records: RecordsStore, next: boolean) {
  const registry = createActionRegistry<Reply>();
  const performed: unknown[] = [];
  registry.register({
    name: 'restart',
    description: 'restarts a thing',
    parameters: z.object({ thing: z.string() }).strict(),
    sideEffects: true,
    effect: next ? baseEffect.extend({ window: z.string().optional() }).strict() : baseEffect,
    propose: async ({ thing }) => ({
      effect: { thing, note: '', steps: [{ name: 'stop' }, { name: 'start' }], ...(next ? { window: 'tonight' } : {}) },
      target: thing,
      card: { title: `Restart ${thing}`, intro: '', facts: [], changes: [`${thing} restarts`], inputs: [{ id: 'note', label: 'Note', kind: 'text', value: '', required: false, maxLength: 20 }], confirmLabel: 'Apply' },
    }),
    withInputs: (effect, inputs) => ({ ...effect, note: inputs.note ?? effect.note }),
    perform: async (effect) => {
      performed.push(effect);
      return { text: 'Restarted.' };
    },
  });
  const flow = createConfirmationFlow({ registry, store: createPendingActionStore(records), audit: createActionAudit(records), logger: createSilentLogger() });
  registry.useConfirmation(flow);
  for (const action of confirmationActions(flow)) registry.register(action);
  const run = async (name: string, parameters: unknown) => {
    const replies: Reply[] = [];
    const ctx: ActionContext<Reply> = { viewer: {}, actor: ADA, conversationId: 'conv-1', conversation: { get: () => undefined, set: () => undefined, delete: () => undefined }, reply: async (r) => void replies.push(r) };
    await registry.run({ name, parameters }, ctx);
    return replies;
  };
  return {
    performed,
    async propose(thing = 'vm-1') {
      const [card] = await run('restart', { thing });
      if (card?.kind !== 'card' || card.card.template !== 'confirmation') throw new Error('no confirmation card');
      return card.card.model.ref;
    },
    confirm: (ref: string) => run('confirmAction', { ref, inputs: { note: 'after backup' } }),
  };
}

const stored = async (records: RecordsStore) => {
  const [record] = await records.list<PendingAction>(PENDING_ACTIONS_COLLECTION);
  if (!record) throw new Error('no pending action');
  return record.value;
};
const status = (replies: Reply[]) => {
  const last = replies[replies.length - 1];
  return last?.kind === 'text' ? last.text : last?.card.template === 'confirmation' ? last.card.model.status : '';
};

describe('confirmations across two adjacent versions', () => {
  it('runs, once, a card the next version proposed, and keeps its extra field in the record', async () => {
    const records = createMemoryRecordsStore();
    const [current, next] = [version(records, false), version(records, true)];
    const ref = await next.propose();
    expect(await stored(records)).toMatchObject({ schemaVersion: PENDING_SHAPE_VERSION, effect: { window: 'tonight' } });
    const presses = await Promise.all([current.confirm(ref), current.confirm(ref)]);
    expect(current.performed).toEqual([{ thing: 'vm-1', note: 'after backup', steps: [{ name: 'stop' }, { name: 'start' }], window: 'tonight' }]);
    expect(presses.map(status).some((text) => text.startsWith('Applied by Ada at'))).toBe(true);
    expect(await stored(records)).toMatchObject({ state: 'done', effect: { note: 'after backup', window: 'tonight' } });
    expect((await records.list(ACTION_AUDIT_COLLECTION)).map((r) => r.value)).toEqual([expect.objectContaining({ result: 'done' })]);
  });

  it('the next version confirms a card this version proposed (its new field absent)', async () => {
    const records = createMemoryRecordsStore();
    const [current, next] = [version(records, false), version(records, true)];
    const ref = await current.propose();
    expect(status(await next.confirm(ref))).toMatch(/^Applied by Ada/);
    expect(next.performed).toEqual([{ thing: 'vm-1', note: 'after backup', steps: [{ name: 'stop' }, { name: 'start' }] }]);
  });

  it('keeps every field the next version added, at every level, when it writes the record back', async () => {
    const records = createMemoryRecordsStore();
    const current = version(records, false);
    const ref = await current.propose();
    const [{ id } = { id: '' }] = await records.list(PENDING_ACTIONS_COLLECTION);
    await rewriteAsNextVersion(records, PENDING_ACTIONS_COLLECTION, id, PENDING_SHAPE_VERSION);
    expect(status(await current.confirm(ref))).toMatch(/^Applied by Ada/);
    expect(current.performed).toHaveLength(1);
    const after = await stored(records);
    expect(after).toMatchObject({ state: 'done', schemaVersion: PENDING_SHAPE_VERSION + 1 });
    // confirmedBy is this version's own (the presser); everything the next version wrote is still there.
    expect(lostNextFields({ ...after, confirmedBy: undefined }).filter((path) => path !== '$.confirmedBy')).toEqual([]);
  });

  it('leaves a record the next version marked unreadable for this one, and says so', async () => {
    const records = createMemoryRecordsStore();
    const current = version(records, false);
    const ref = await current.propose();
    const [{ id } = { id: '' }] = await records.list(PENDING_ACTIONS_COLLECTION);
    await rewriteAsNextVersion(records, PENDING_ACTIONS_COLLECTION, id, PENDING_SHAPE_VERSION, { readableFrom: PENDING_SHAPE_VERSION + 1 });
    expect(status(await current.confirm(ref))).toBe('This request was made by a newer version of the bot, which is being rolled out. Nothing was changed: press Apply again in a minute.');
    expect(current.performed).toEqual([]);
    expect(await stored(records)).toMatchObject({ state: 'pending' });
  });
});
