import { analyzeParamsSchema } from '../../../src/actions/contracts/analyze';
import { startOverParamsSchema, smallTalkParamsSchema } from '../../../src/actions/contracts/conversation';
import { changesParamsSchema, executiveSummaryParamsSchema } from '../../../src/actions/contracts/history';
import { dueSchema, sinceSchema } from '../../../src/actions/contracts/time';

describe('time, change and summary contracts', () => {
  it('accepts each documented due-range shape and refuses mixtures and empty ranges', () => {
    for (const due of [{ period: 'thisWeek' }, { nextDays: 7 }, { overdueMoreThanDays: 30 }, { from: '2026-12-01' }, { from: '2026-12-01', to: '2026-12-31' }]) {
      expect(dueSchema.safeParse(due).success).toBe(true);
    }
    for (const due of [{}, { period: 'someday' }, { nextDays: 0 }, { period: 'thisWeek', nextDays: 3 }, { from: '1/12/2026' }]) {
      expect(dueSchema.safeParse(due).success).toBe(false);
    }
    expect(analyzeParamsSchema.parse({ filter: { due: { period: 'thisWeek' } }, limit: 5 })).toMatchObject({ filter: { due: { period: 'thisWeek' } }, limit: 5, view: 'list' });
    expect(analyzeParamsSchema.safeParse({ limit: 0 }).success).toBe(false);
  });

  it('reads "since" as a period start, a weekday, days ago or a date, one at a time', () => {
    for (const since of [{ period: 'lastWeek' }, { weekday: 'monday' }, { daysAgo: 3 }, { date: '2026-11-01' }]) expect(sinceSchema.safeParse(since).success).toBe(true);
    for (const since of [{ period: 'nextWeek' }, { weekday: 'mon' }, { daysAgo: 3, weekday: 'monday' }]) expect(sinceSchema.safeParse(since).success).toBe(false);
  });

  it('validates changes, executive summary, start over and small talk parameters', () => {
    expect(changesParamsSchema.safeParse({ since: { weekday: 'monday' }, kinds: ['new'], filter: { riskLevels: ['Critical'] } }).success).toBe(true);
    expect(changesParamsSchema.safeParse({ kinds: ['new'] }).success).toBe(false);
    expect(changesParamsSchema.safeParse({ since: { daysAgo: 1 }, kinds: ['broken'] }).success).toBe(false);
    expect(executiveSummaryParamsSchema.safeParse({}).success).toBe(true);
    expect(executiveSummaryParamsSchema.safeParse({ since: { period: 'lastWeek' }, limit: 3 }).success).toBe(true);
    expect(startOverParamsSchema.safeParse({ all: true }).success).toBe(false);
    expect(smallTalkParamsSchema.safeParse({ kind: 'thanks' }).success).toBe(true);
  });
});
