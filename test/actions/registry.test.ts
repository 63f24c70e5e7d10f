import { z } from 'zod';
import { createActionRegistry, planProblemSentence } from '../../src/actions/registry';
import { AppError } from '../../src/errors/appError';
import { SYSTEM_VIEWER } from '../../src/posture/viewer';

function context() {
  const replies: unknown[] = [];
  const memory = new Map<string, unknown>();
  return {
    replies,
    ctx: {
      viewer: SYSTEM_VIEWER,
      actor: { id: 'user-1' },
      conversationId: 'c1',
      reply: async (message: unknown) => {
        replies.push(message);
      },
      conversation: {
        get: <T>(key: string) => memory.get(key) as T | undefined,
        set: <T>(key: string, value: T) => void memory.set(key, value),
        delete: (key: string) => void memory.delete(key),
      },
    },
  };
}

describe('action registry', () => {
  const registry = createActionRegistry();
  registry.register({
    name: 'echo',
    description: 'Repeats a word',
    parameters: z.object({ word: z.string().min(1).max(10) }).strict(),
    sideEffects: false,
    handler: async (params, ctx) => ctx.reply(params.word),
  });
  registry.register({
    name: 'fix',
    description: 'Changes something',
    parameters: z.object({}).strict(),
    sideEffects: true,
    effect: z.object({}).strict(),
    propose: async () => ({ effect: {}, target: 'x', card: { title: 'Fix', intro: '', facts: [], changes: ['fix'], inputs: [], confirmLabel: 'Confirm' } }),
    perform: async (_effect, ctx) => {
      await ctx.reply('fixed');
      return { text: 'fixed' };
    },
  });

  it('runs an action with valid parameters', async () => {
    const { ctx, replies } = context();
    await registry.run({ name: 'echo', parameters: { word: 'hi' } }, ctx);
    expect(replies).toEqual(['hi']);
  });

  it('refuses invalid parameters before the handler runs, listing each problem', async () => {
    const { ctx, replies } = context();
    const run = registry.run({ name: 'echo', parameters: { word: 'x'.repeat(11), extra: 1 } }, ctx);
    await expect(run).rejects.toBeInstanceOf(AppError);
    await expect(run).rejects.toMatchObject({
      code: 'INVALID_ACTION',
      userMessage: 'I couldn\'t run that: the echo action got 2 values it does not accept. Try asking another way, or type "help" for examples.',
      details: {
        problems: [
          { index: 0, code: 'invalidParameter', action: 'echo', path: 'word', message: expect.stringMatching(/at most 10/) },
          { index: 0, code: 'invalidParameter', action: 'echo', path: '', message: expect.stringMatching(/extra/) },
        ],
      },
    });
    expect(replies).toEqual([]);
  });

  it('checks a whole plan into a list of problems a planner can repair from', () => {
    expect(registry.checkPlan([{ name: 'echo', parameters: { word: 'hi' } }, { name: 'fix', parameters: {} }])).toEqual([]);
    const problems = registry.checkPlan([
      { name: 'echo', parameters: { word: 'hi' } },
      { name: 'delete', parameters: {} },
      { name: 'echo', parameters: { word: 7 } },
    ]);
    expect(problems).toEqual([
      { index: 1, code: 'unknownAction', action: 'delete', path: '', message: 'unknown action; known actions: echo, fix' },
      { index: 2, code: 'invalidParameter', action: 'echo', path: 'word', message: expect.stringMatching(/string/i) },
    ]);
    expect(planProblemSentence(problems)).toBe('I don\'t know the action "delete". Type "help" to see what I can do.');
    expect(planProblemSentence(problems.slice(1))).toBe('I couldn\'t run that: the echo action got a value it does not accept. Try asking another way, or type "help" for examples.');
  });

  it('refuses unknown actions', () => {
    expect(() => registry.validate({ name: 'rm -rf', parameters: {} })).toThrow(AppError);
  });

  it('never runs a side effect from a plan: refused without a confirmation gate, proposed through one', async () => {
    const unconfirmed = context();
    await expect(registry.run({ name: 'fix', parameters: {} }, unconfirmed.ctx)).rejects.toMatchObject({ code: 'INVALID_ACTION' });
    expect(unconfirmed.replies).toEqual([]);
    const proposed: string[] = [];
    registry.useConfirmation({ propose: async (definition) => void proposed.push(definition.name), runPressed: async () => undefined });
    const gated = context();
    await registry.run({ name: 'fix', parameters: {} }, gated.ctx);
    expect(proposed).toEqual(['fix']);
    expect(gated.replies).toEqual([]);
  });

  it('refuses to register the same name twice', () => {
    expect(() =>
      registry.register({ name: 'echo', description: '', parameters: z.object({}), sideEffects: false, handler: async () => undefined }),
    ).toThrow(/twice/);
  });
});
