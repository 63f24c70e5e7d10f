// Follow-ups act on the list on screen; a new question starts a new list; positions pick a row.
import { refineParamsSchema } from '../../src/actions/contracts/analyze';
import { createFakeVocabulary } from './support/fakeVocabulary';
import { planWith } from './support/planWith';

const tenant = createFakeVocabulary({
  subscription: ['Fabrikam Prod', 'Fabrikam Dev'],
  resourceType: ['microsoft.compute/virtualmachines', 'microsoft.storage/storageaccounts', 'microsoft.web/sites'],
  tagKey: ['stage'],
  tagValue: ['live', 'test'],
  owner: ['kim@fabrikam.example'],
});
const critical = { riskLevels: ['Critical' as const] };

describe('refinement detection', () => {
  it.each([
    ['just the virtual machines', { set: { resourceTypes: ['microsoft.compute/virtualmachines'] } }],
    ['only live', { set: { tags: [{ value: 'live' }] } }],
    ['include high too', { add: { riskLevels: ['High'] } }],
    ['also AWS', { add: { clouds: ['AWS'] } }],
    ['and storage accounts?', { add: { resourceTypes: ['microsoft.storage/storageaccounts'] } }],
    ['any risk level', { clear: ['riskLevels'] }],
    ['how many?', { view: 'count' }],
    ['per subscription', { view: 'breakdown', groupBy: 'subscription' }],
    ['sorted by due date', { sort: 'dueDate' }],
    ['what about Fabrikam Dev?', { set: { subscriptions: ['Fabrikam Dev'] } }],
  ])('%s -> refine %j', (text, expected) => {
    const action = planWith(tenant, text, critical);
    expect(action.name).toBe('refine');
    expect(action.parameters).toEqual(expected);
    expect(refineParamsSchema.safeParse(action.parameters).success).toBe(true);
  });

  it('follows the field the list uses for level words', () => {
    expect(planWith(tenant, 'just the high ones', { severities: ['Critical'] }).parameters).toEqual({ set: { severities: ['High'] } });
    expect(planWith(tenant, 'just the high ones', critical).parameters).toEqual({ set: { riskLevels: ['High'] } });
  });

  it('leaves values out by keeping the others', () => {
    expect(planWith(tenant, 'without AWS', { clouds: ['Azure', 'AWS'] }).parameters).toEqual({ set: { clouds: ['Azure'] } });
    expect(planWith(tenant, 'exclude low', { severities: ['Low', 'High'] }).parameters).toEqual({ set: { severities: ['High'] } });
  });

  it('widening an unstated status keeps the default Unhealthy', () => {
    expect(planWith(tenant, 'include healthy ones too', critical).parameters).toEqual({ add: { statuses: ['Unhealthy', 'Healthy'] } });
  });

  it('treats a full question as a new list even when a list is on screen', () => {
    const action = planWith(tenant, 'show high severity recommendations on storage accounts', critical);
    expect(action).toEqual({ name: 'analyze', parameters: { filter: { severities: ['High'], resourceTypes: ['microsoft.storage/storageaccounts'] }, view: 'list' } });
  });

  it('reads a pronoun inside a full question as pointing at that question', () => {
    expect(planWith(tenant, 'show me critical risks and group them by subscription', { clouds: ['AWS'] })).toEqual({
      name: 'analyze',
      parameters: { filter: { riskLevels: ['Critical'] }, view: 'breakdown', groupBy: 'subscription' },
    });
    expect(planWith(tenant, 'list the overdue ones among them', critical)).toEqual({ name: 'refine', parameters: { set: { governance: ['overdue'] } } });
  });

  it('reads refinement words as a new question when no list is on screen', () => {
    expect(planWith(tenant, 'just the virtual machines').name).toBe('analyze');
  });

  it('"show them" after a count shows the list', () => {
    expect(planWith(tenant, 'show them', critical)).toEqual({ name: 'refine', parameters: { view: 'list' } });
  });
});

describe('paging and positions', () => {
  it.each([
    ['show more', { name: 'showMore', parameters: {} }],
    ['next page', { name: 'showMore', parameters: {} }],
    ['details of the second one', { name: 'details', parameters: { ordinal: 2 } }],
    ['tell me about the first', { name: 'details', parameters: { ordinal: 1 } }],
    ['#7', { name: 'details', parameters: { ordinal: 7 } }],
    ['number 12', { name: 'details', parameters: { ordinal: 12 } }],
    ['open the 3rd one', { name: 'details', parameters: { ordinal: 3 } }],
    ['4', { name: 'details', parameters: { ordinal: 4 } }],
    ['show more about the fifth', { name: 'details', parameters: { ordinal: 5 } }],
  ])('%s', (text, expected) => {
    expect(planWith(tenant, text, critical)).toEqual(expected);
  });

  it('"the last one" is the last row shown', () => {
    expect(planWith(tenant, 'details of the last one', { filter: critical, shown: 15, total: 40 })).toEqual({ name: 'details', parameters: { ordinal: 15 } });
  });

  it('a number with filters is not a position', () => {
    expect(planWith(tenant, 'top 5 critical risks').name).toBe('analyze');
  });
});

describe('leaving values out of a new question', () => {
  it.each([
    ['non-critical risks', { riskLevels: ['Low', 'Medium', 'High'] }],
    ['everything except low severity', { severities: ['Medium', 'High', 'Critical'] }],
    ['anything but AWS', { clouds: ['Azure', 'GCP', 'OnPremise', 'Other'] }],
    ['recommendations excluding storage accounts', { resourceTypes: ['microsoft.compute/virtualmachines', 'microsoft.web/sites'] }],
    ['severity >= high', { severities: ['High', 'Critical'] }],
  ])('%s', (text, filter) => {
    expect(planWith(tenant, text)).toEqual({ name: 'analyze', parameters: { filter, view: 'list' } });
  });

  it('keeps a name the tenant does not have, said right after its cue, so the answer can say nothing matched', () => {
    expect(planWith(tenant, 'show recommendations for subscription 3f2a')).toEqual({ name: 'analyze', parameters: { filter: { subscriptions: ['3f2a'] }, view: 'list' } });
    expect(planWith(tenant, 'items owned by zed')).toEqual({ name: 'analyze', parameters: { filter: { owners: ['zed'] }, view: 'list' } });
  });
});
