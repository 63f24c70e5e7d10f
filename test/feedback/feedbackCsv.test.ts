import { feedbackCsv } from '../../src/feedback/feedbackCsv';
import type { FeedbackRecord } from '../../src/feedback/feedbackRecord';

const record = (over: Partial<FeedbackRecord>): FeedbackRecord =>
  ({ conversationId: 'c', activityId: 'a', recommendationIds: [], reaction: 'dislike', userId: 'u-secret-id', userName: 'Ada', via: 'customForm', matchedBy: 'replyToId', at: Date.UTC(2026, 11, 4, 10), ...over }) as FeedbackRecord;

describe('feedback CSV', () => {
  it('quotes every cell, doubles quotes, keeps newlines inside cells, and lists rows oldest first', () => {
    const csv = feedbackCsv([
      record({ at: Date.UTC(2026, 11, 4, 12), rating: 'needsImprovement', text: 'said "wrong"\nsecond line', action: { name: 'analyze', parameters: {} } }),
      record({ reaction: 'like', rating: 'looksRight', via: 'thumbsUp' }),
    ]);
    const rows = csv.split('\r\n');
    expect(rows[1]).toBe('"2026-12-04T10:00:00.000Z","","Looks right","up","","","","","thumbsUp"');
    expect(csv).toContain('"said ""wrong""\nsecond line"');
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('never lets a comment run as a spreadsheet formula, and leaves out who rated', () => {
    const csv = feedbackCsv([record({ text: '=HYPERLINK("http://evil.example","x")', wouldMakeBetter: '+1', rating: 'inappropriate' }), record({ text: '@SUM(1)' }), record({ text: '-2' })]);
    expect(csv).toContain('"\'=HYPERLINK(""http://evil.example"",""x"")"');
    expect(csv).toContain('"\'+1"');
    expect(csv).toContain('"\'@SUM(1)"');
    expect(csv).toContain('"\'-2"');
    expect(csv).not.toContain('u-secret-id');
    expect(csv).not.toContain('Ada');
  });
});
