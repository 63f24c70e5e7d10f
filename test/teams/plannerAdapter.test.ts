// The SDK-free planner as teams-ai runs it: the turn's input, the viewer and the conversation state go in; steps come
// out as DO and SAY commands in order, unvalidated (the registry validates when they run); there is never a second step.
import { TurnState, type AI } from '@microsoft/teams-ai';
import { MemoryStorage, TestAdapter, TurnContext } from 'botbuilder';
import type { MessagePlanner, PlanRequest } from '../../src/actions/contracts/messagePlanner';
import { doCommand, toCommand, toTeamsPlanner } from '../../src/teams/plannerAdapter';
import { MODEL_WRITTEN_INTENT } from '../../src/teams/sayAction';

const ai = {} as AI<TurnState>;

function contextOf(text: string) {
  return new TurnContext(new TestAdapter(), {
    type: 'message',
    text,
    channelId: 'test',
    conversation: { id: 'c1', conversationType: 'personal', isGroup: false, name: '', tenantId: 't1' },
    from: { id: 'u1', name: 'User', aadObjectId: 'aad-1' },
    recipient: { id: 'bot', name: 'bot' },
  });
}

function recording(steps: Awaited<ReturnType<MessagePlanner['plan']>>['steps']): MessagePlanner & { seen: PlanRequest[] } {
  const seen: PlanRequest[] = [];
  return { seen, plan: async (request) => (seen.push(request), { steps }) };
}

describe('toTeamsPlanner', () => {
  it('hands the planner the input, the viewer and the live conversation state, and returns its steps as commands', async () => {
    const planner = recording([
      { kind: 'say', text: 'a note' },
      { kind: 'action', action: { name: 'analyze', parameters: { filter: { riskLevels: ['Extreme'] } } } },
    ]);
    const context = contextOf('<at>bot</at> critical risks');
    const state = new TurnState();
    await state.load(context, new MemoryStorage());
    (state.conversation as Record<string, unknown>).activeList = 'kept';
    state.temp.input = 'critical risks';
    const plan = await toTeamsPlanner(planner).beginTask(context, state, ai);
    expect(plan).toEqual({
      type: 'plan',
      commands: [
        { type: 'SAY', response: { role: 'assistant', content: 'a note' } },
        { type: 'DO', action: 'analyze', parameters: { filter: { riskLevels: ['Extreme'] } } },
      ],
    });
    expect(planner.seen[0]).toMatchObject({ text: 'critical risks', viewer: { userId: 'aad-1', tenantId: 't1', displayName: 'User', conversationType: 'personal' } });
    // The same object: what a planner writes into it is saved with the conversation.
    expect(planner.seen[0]?.conversation).toBe(state.conversation);
  });

  it('reads the activity text and no conversation when state was not loaded', async () => {
    const planner = recording([]);
    await toTeamsPlanner(planner).beginTask(contextOf('show more'), new TurnState(), ai);
    expect(planner.seen[0]?.text).toBe('show more');
    expect(planner.seen[0]).not.toHaveProperty('conversation');
  });

  it('never continues a task', async () => {
    expect(await toTeamsPlanner(recording([])).continueTask(contextOf('x'), new TurnState(), ai)).toEqual({ type: 'plan', commands: [] });
  });

  it('marks model-written prose for the SAY action (AI label, citations) and leaves rule-written text unmarked', () => {
    expect(toCommand({ kind: 'say', text: 'notice' })).toEqual({ type: 'SAY', response: { role: 'assistant', content: 'notice' } });
    expect(toCommand({ kind: 'say', text: 'prose [1]', ai: { model: 'gpt', citations: [{ name: 'R (vm-1)', abstract: 'High', url: 'https://portal.azure.com/x' }] } })).toEqual({
      type: 'SAY',
      response: { role: 'assistant', content: 'prose [1]', context: { intent: MODEL_WRITTEN_INTENT, citations: [{ title: 'R (vm-1)', content: 'High', url: 'https://portal.azure.com/x', filepath: null }] } },
    });
  });

  it('hands planned actions on as they are', () => {
    expect(doCommand({ name: 'details', parameters: { ordinal: 2 } })).toEqual({ type: 'DO', action: 'details', parameters: { ordinal: 2 } });
    expect(doCommand({ name: 'showMore', parameters: undefined })).toEqual({ type: 'DO', action: 'showMore', parameters: {} });
  });
});
