// The keyless planner through the SDK-free contract: a message and the conversation's memory in, registry actions out.
import type { PlanRequest } from '../../src/actions/contracts/messagePlanner';
import { ACTIVE_LIST_KEY } from '../../src/planner/activeList';
import { createKeylessPlanner } from '../../src/planner/keylessPlanner';
import pino from 'pino';
import { createFakeVocabulary } from './support/fakeVocabulary';

const tenant = createFakeVocabulary({ subscription: ['Northwind Prod'], resourceType: ['microsoft.compute/virtualmachines'] });

const request = (text: string, conversation?: Record<string, unknown>): PlanRequest => ({
  text,
  viewer: { userId: 'aad-1', tenantId: 't1', displayName: 'User', conversationType: 'personal' },
  ...(conversation ? { conversation } : {}),
});

const activeList = (createdAt = Date.now()) => ({
  [ACTIVE_LIST_KEY]: { listId: 'abc123', filter: { riskLevels: ['Critical'] }, view: 'list', pageSize: 5, total: 12, refs: ['a', 'b', 'c'], createdAt },
});

describe('createKeylessPlanner', () => {
  it('plans registry actions with their parameters', async () => {
    const planner = createKeylessPlanner({ engine: tenant });
    expect(await planner.plan(request('critical risks in Northwind Prod', {}))).toEqual({
      steps: [{ kind: 'action', action: { name: 'analyze', parameters: { filter: { riskLevels: ['Critical'], subscriptions: ['Northwind Prod'] }, view: 'list' } } }],
    });
  });

  it('reads the active list from the conversation for follow-ups', async () => {
    const planner = createKeylessPlanner({ engine: tenant });
    const { steps } = await planner.plan(request('just the VMs', activeList()));
    expect(steps).toEqual([{ kind: 'action', action: { name: 'refine', parameters: { set: { resourceTypes: ['microsoft.compute/virtualmachines'] } } } }]);
  });

  it('ignores a stale, malformed or absent active list', async () => {
    const planner = createKeylessPlanner({ engine: tenant, activeListMaxAgeMs: 60_000 });
    const name = async (r: PlanRequest) => {
      const [step] = (await planner.plan(r)).steps;
      return step?.kind === 'action' ? step.action.name : undefined;
    };
    expect(await name(request('just the VMs', activeList(Date.now() - 120_000)))).toBe('analyze');
    expect(await name(request('show more', { [ACTIVE_LIST_KEY]: 'not a list' }))).toBe('showMore');
    expect(await name(request('show more'))).toBe('showMore');
  });

  it('writes its debug line (the actions and the time taken) at debug level only, and builds none of it at info', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(line) });
    const planner = createKeylessPlanner({ engine: tenant, logger });
    await planner.plan(request('critical risks', {}));
    expect(lines.map((l) => JSON.parse(l) as { msg: string; actions: string[]; ms: number })).toEqual([expect.objectContaining({ msg: 'keyless plan', actions: ['analyze'], ms: expect.any(Number) })]);
    logger.level = 'info';
    const now = jest.spyOn(performance, 'now');
    await planner.plan(request('critical risks', {}));
    expect(lines).toHaveLength(1);
    expect(now).not.toHaveBeenCalled();
    now.mockRestore();
  });

  it('still understands concepts before any data is loaded', async () => {
    const planner = createKeylessPlanner({ engine: () => undefined });
    const { steps } = await planner.plan(request('how many critical risks?'));
    expect(steps).toEqual([{ kind: 'action', action: { name: 'analyze', parameters: { filter: { riskLevels: ['Critical'] }, view: 'count' } } }]);
  });
});
