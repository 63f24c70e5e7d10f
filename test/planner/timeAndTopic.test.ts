// The planner's reading of time, topic and conversation words on the demo tenant: time phrases never become name
// filters, a recommendation's subject in everyday words is found in the data's names, and "start over" starts a
// fresh question.
import { SYSTEM_VIEWER } from '../../src/posture/viewer';
import { planMessage } from '../../src/planner/planMessage';
import { createConceptLexicon } from '../../src/planner/conceptLexicon';
import type { PostureEngine } from '../../src/posture/engine';
import type { ActiveListSummary } from '../../src/planner/activeList';
import { loadDemoEngine } from './support/demoTenant';

const lexicon = createConceptLexicon();
let engine: PostureEngine;
beforeAll(async () => {
  engine = await loadDemoEngine();
});
const plan = (text: string, activeList?: ActiveListSummary) =>
  planMessage(text, { vocabulary: engine, viewer: SYSTEM_VIEWER, hasActiveList: !!activeList, ...(activeList ? { activeList } : {}), lexicon })[0];

describe('time and topic', () => {
  it.each([
    ['in the next 7 days', { nextDays: 7 }],
    ['overdue by more than 30 days', { overdueMoreThanDays: 30 }],
    ['past due by over 2 weeks', { overdueMoreThanDays: 14 }],
    ['due before 2027-01-01', { to: '2026-12-31' }],
    ['due this month', { period: 'thisMonth' }],
  ])('%j is a due range and no word of it a name filter', (text, due) => {
    expect(plan(text)).toEqual({ name: 'analyze', parameters: { filter: { due }, view: 'list' } });
  });

  it.each([
    ['show backups', 'backup'],
    ['private endpoints', 'private endpoint'],
    ['diagnostic logs', 'diagnostic log'],
  ])('%j finds the recommendation subject %j in the data names', (text, subject) => {
    const planned = plan(text);
    expect(planned?.name).toBe('analyze');
    const found = (planned?.parameters as { filter: { recommendationText?: string } }).filter.recommendationText ?? '';
    expect(found.startsWith(subject)).toBe(true);
    expect(engine.count(SYSTEM_VIEWER, { recommendationText: found })).toBeGreaterThan(0);
  });

  it('never filters on a word the data does not have: it is passed on as unused', () => {
    expect(plan('show me frobnicate recommendations')).toEqual({ name: 'analyze', parameters: { filter: {}, view: 'list', unusedWords: ['frobnicate'] } });
  });

  it('"start over and ..." is a new question even after a filtered list', () => {
    const active: ActiveListSummary = { filter: { resourceTypes: ['microsoft.storage/storageaccounts'] }, shown: 10, total: 20 };
    expect(plan('start over and show critical risks', active)).toEqual({ name: 'analyze', parameters: { filter: { riskLevels: ['Critical'] }, view: 'list' } });
    expect(plan('just the critical ones', active)?.name).toBe('refine');
  });

  it('"summarize the first one" stays with remediate; "give me a summary of our posture" is the executive summary', () => {
    expect(plan('summarize the first one', { filter: {}, shown: 10, total: 20 })).toEqual({ name: 'summarize', parameters: { ordinal: 1 } });
    expect(plan('give me a summary of our posture')).toEqual({ name: 'executiveSummary', parameters: {} });
  });
});

describe('top N is not a position', () => {
  it('"details of the first one" opens a row; "top 3" is a limit', () => {
    const active: ActiveListSummary = { filter: {}, shown: 10, total: 20 };
    expect(plan('details of the first one', active)).toEqual({ name: 'details', parameters: { ordinal: 1 } });
    expect(plan('top 3 critical risks')?.parameters).toMatchObject({ limit: 3 });
  });
});
