// The help action as a plain skill: no transport, just the reply it hands back.
import { createActionRegistry } from '../../../src/actions/registry';
import { SYSTEM_VIEWER } from '../../../src/posture/viewer';
import { buildWelcomeView, createHelpAction } from '../../../src/skills/help/helpAction';
import { SAMPLE_PROMPTS } from '../../../src/skills/help/samplePrompts';
import type { Reply } from '../../../src/views/reply';

function context() {
  const replies: Reply[] = [];
  const memory = new Map<string, unknown>();
  return {
    replies,
    ctx: {
      viewer: SYSTEM_VIEWER,
      actor: { id: 'user-1' },
      conversationId: 'c1',
      reply: async (r: Reply) => void replies.push(r),
      conversation: { get: <T>(k: string) => memory.get(k) as T | undefined, set: (k: string, v: unknown) => void memory.set(k, v), delete: (k: string) => void memory.delete(k) },
    },
  };
}

describe('help action', () => {
  const registry = createActionRegistry<Reply>();
  registry.register(createHelpAction());

  it('replies with the help card listing every sample prompt as a button', async () => {
    const { ctx, replies } = context();
    await registry.run({ name: 'help', parameters: {} }, ctx);
    expect(replies).toHaveLength(1);
    const reply = replies[0]!;
    if (reply.kind !== 'card' || reply.card.template !== 'help') throw new Error('expected the help card');
    expect(reply.card.model.prompts.map((p) => p.ref)).toEqual(SAMPLE_PROMPTS.map((p) => p.ref));
    expect(reply.card.model.capabilities.length).toBeGreaterThan(0);
    for (const s of reply.suggestions ?? []) expect(SAMPLE_PROMPTS.map((p) => p.prompt)).toContain(s);
  });

  it('takes no parameters', () => {
    expect(() => registry.validate({ name: 'help', parameters: { topic: 'x' } })).toThrow(/help action got a value it does not accept/);
  });

  it('words the welcome for where the bot was added', () => {
    expect(buildWelcomeView('personal').howToAsk).not.toMatch(/mention/i);
    expect(buildWelcomeView('groupChat').howToAsk).toMatch(/mention/i);
  });
});
