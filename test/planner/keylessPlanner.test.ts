// The keyless planner as teams-ai sees it: a Plan of DO commands from the turn's input and conversation state.
import { TurnState, type AI, type PredictedDoCommand } from '@microsoft/teams-ai';
import { MemoryStorage, TestAdapter, TurnContext } from 'botbuilder';
import { ACTIVE_LIST_KEY } from '../../src/planner/activeList';
import { createKeylessPlanner, toCommand } from '../../src/planner/keylessPlanner';
import { createFakeVocabulary } from './support/fakeVocabulary';

const tenant = createFakeVocabulary({ subscription: ['Northwind Prod'], resourceType: ['microsoft.compute/virtualmachines'] });
const ai = {} as AI<TurnState>;

async function turn(text: string, conversation: Record<string, unknown> = {}) {
  const context = new TurnContext(new TestAdapter(), {
    type: 'message',
    text,
    channelId: 'test',
    conversation: { id: 'c1', conversationType: 'personal', isGroup: false, name: '', tenantId: 't1' },
    from: { id: 'u1', name: 'User', aadObjectId: 'aad-1' },
    recipient: { id: 'bot', name: 'bot' },
  });
  const state = new TurnState();
  await state.load(context, new MemoryStorage());
  Object.assign(state.conversation as Record<string, unknown>, conversation);
  state.temp.input = text;
  return { context, state };
}

const activeList = (createdAt = Date.now()) => ({
  [ACTIVE_LIST_KEY]: { listId: 'abc123', filter: { riskLevels: ['Critical'] }, view: 'list', pageSize: 5, total: 12, refs: ['a', 'b', 'c'], createdAt },
});

describe('createKeylessPlanner', () => {
  it('plans DO commands with the registry parameters', async () => {
    const planner = createKeylessPlanner({ engine: tenant });
    const { context, state } = await turn('critical risks in Northwind Prod');
    const plan = await planner.beginTask(context, state, ai);
    expect(plan).toEqual({
      type: 'plan',
      commands: [{ type: 'DO', action: 'analyze', parameters: { filter: { riskLevels: ['Critical'], subscriptions: ['Northwind Prod'] }, view: 'list' } }],
    });
  });

  it('never continues a task', async () => {
    const planner = createKeylessPlanner({ engine: tenant });
    const { context, state } = await turn('show more');
    expect(await planner.continueTask(context, state, ai)).toEqual({ type: 'plan', commands: [] });
  });

  it('reads the active list from conversation state for follow-ups', async () => {
    const planner = createKeylessPlanner({ engine: tenant });
    const { context, state } = await turn('just the VMs', activeList());
    const [command] = (await planner.beginTask(context, state, ai)).commands as PredictedDoCommand[];
    expect(command).toEqual({ type: 'DO', action: 'refine', parameters: { set: { resourceTypes: ['microsoft.compute/virtualmachines'] } } });
  });

  it('ignores a stale or malformed active list', async () => {
    const planner = createKeylessPlanner({ engine: tenant, activeListMaxAgeMs: 60_000 });
    const stale = await turn('just the VMs', activeList(Date.now() - 120_000));
    expect(((await planner.beginTask(stale.context, stale.state, ai)).commands[0] as PredictedDoCommand).action).toBe('analyze');
    const broken = await turn('show more', { [ACTIVE_LIST_KEY]: 'not a list' });
    expect(((await planner.beginTask(broken.context, broken.state, ai)).commands[0] as PredictedDoCommand).action).toBe('showMore');
  });

  it('still understands concepts before any data is loaded', async () => {
    const planner = createKeylessPlanner({ engine: () => undefined });
    const { context, state } = await turn('how many critical risks?');
    const [command] = (await planner.beginTask(context, state, ai)).commands as PredictedDoCommand[];
    expect(command).toEqual({ type: 'DO', action: 'analyze', parameters: { filter: { riskLevels: ['Critical'] }, view: 'count' } });
  });

  it('hands planned actions on as they are: the registry, not the planner, validates them', () => {
    const invalid = { name: 'analyze', parameters: { filter: { riskLevels: ['Extreme'] } } };
    expect(toCommand(invalid)).toEqual({ type: 'DO', action: 'analyze', parameters: { filter: { riskLevels: ['Extreme'] } } });
    expect(toCommand({ name: 'details', parameters: { ordinal: 2 } })).toEqual({ type: 'DO', action: 'details', parameters: { ordinal: 2 } });
    expect(toCommand({ name: 'showMore', parameters: undefined })).toEqual({ type: 'DO', action: 'showMore', parameters: {} });
  });
});
