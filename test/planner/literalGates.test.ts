// The planner skips families of patterns when a message lacks every word they need (TIME_WORDS before the due and
// since patterns, EXECUTIVE_WORDS before the executive-summary patterns). Each phrase below matches its pattern;
// the gate must let each through, so a pattern added without its word in the gate fails here.
import { DUE_AND_SINCE_PATTERNS, TIME_WORDS } from '../../src/planner/timePhrases';
import { EXECUTIVE, EXECUTIVE_WORDS, isExecutiveSummary } from '../../src/planner/timeIntents';
import { readTimePhrases } from '../../src/planner/timePhrases';

const TIME_PHRASES = [
  'that are overdue by more than 30 days', 'overdue for over two weeks', 'late by at least 3 days', 'more than 10 days overdue', 'over 2 weeks late',
  'at least 5 days past due', 'more than 3 days past the due date', 'due between 2026-01-01 and 2026-02-01', 'due before 2026-03-01', 'due by 2026-03-01',
  'due on or before 2026-03-01', 'due no later than 2026-03-01', 'due until 2026-03-01', 'due after 2026-03-01', 'due in the next 7 days',
  'within the coming 2 weeks', 'falling due during the upcoming 2 months', 'over the next 3 months', 'due in 5 days', 'coming due within 10 days',
  'the next 14 days', 'next 2 weeks', 'due this week', 'deadline is next month', 'to fix by the end of this month', 'expiring tomorrow', 'due today',
  'today is due', 'this week are due', 'since 2026-01-05', 'since monday', 'since last tue', 'since this friday', 'since yesterday',
  'since the start of last month', 'since the beginning of the week', 'since the start of the month', 'in the last 3 days', 'over the past 2 weeks',
  'previous 24 hours', 'past 6 months', 'during the last ten days', '3 days ago', 'two weeks ago', 'in the past day', 'over the last week',
  'the past month', 'past 24 hours', 'the last day', 'last 24 hours', 'today', 'tomorrow', 'yesterday', 'this week', 'on next week', 'during last week',
  'for previous week', 'this month', 'next month', 'last month', 'previous month',
];

const EXECUTIVE_PHRASES = [
  'executive summary', 'board report', 'management overview please', 'ciso update', 'leadership briefing', 'my boss wants a rundown', 'exec brief',
  'summary of our posture', 'overview of the current security', 'report on my cloud estate', 'snapshot of our tenant', 'picture of the environment',
  'status of our overall security', 'rundown for the estate', 'posture summary', 'security status report', 'security snapshot', 'summarise our posture',
  'summarize the current cloud security', 'how are we doing', 'how is our security posture', 'how secure are we overall', 'state of our security',
  'overall summary', 'big picture', 'high level view', 'high-level report', 'cloud overview', 'defender scorecard', 'posture health check',
  'report to send to the board', 'overview for stakeholders', 'summary for my team', 'summary', 'give me a quick overview please', 'can you give me a brief summary',
];

describe('literal gates before pattern families', () => {
  it('every due or since phrase matches one of the patterns and passes TIME_WORDS', () => {
    for (const phrase of TIME_PHRASES) {
      const text = ` ${phrase} `;
      expect({ phrase, matched: DUE_AND_SINCE_PATTERNS.some((re) => re.test(text)) }).toEqual({ phrase, matched: true });
      expect({ phrase, gate: TIME_WORDS.test(text) }).toEqual({ phrase, gate: true });
    }
  });

  it('each due and since pattern is matched by some phrase above (the list covers every pattern)', () => {
    for (const re of DUE_AND_SINCE_PATTERNS) expect({ re: re.source, covered: TIME_PHRASES.some((p) => re.test(` ${p} `)) }).toEqual({ re: re.source, covered: true });
  });

  it('reads the same time with the gate as each pattern alone would: a phrase inside a longer question', () => {
    const reading = readTimePhrases('show critical risks due in the next 7 days please');
    expect(reading.due).toEqual({ nextDays: 7 });
    expect(reading.rest).toBe('show critical risks please');
    const none = readTimePhrases('show critical risk recommendations');
    expect(none).toEqual({ rest: 'show critical risk recommendations', changeKinds: [], changeAsked: false });
  });

  it('reads change words through the gate before the change patterns: each kind, and a change asked with no kind', () => {
    const read = (text: string) => {
      const { changeKinds, changeAsked } = readTimePhrases(text);
      return { text, changeKinds, changeAsked };
    };
    expect(read('newly discovered resources')).toEqual({ text: 'newly discovered resources', changeKinds: ['newlyAssessed'], changeAsked: false });
    expect(read('what regressed or got fixed')).toEqual({ text: 'what regressed or got fixed', changeKinds: ['new', 'fixed'], changeAsked: false });
    expect(read('waived or deleted ones')).toEqual({ text: 'waived or deleted ones', changeKinds: ['exempted', 'deleted'], changeAsked: false });
    for (const text of ['progress since monday', 'any trend', "what's different", 'delta']) expect(read(text)).toEqual({ text, changeKinds: [], changeAsked: true });
    expect(read('what changed and what is new')).toEqual({ text: 'what changed and what is new', changeKinds: ['new'], changeAsked: true });
  });

  it('every executive phrase matches one of the patterns and passes EXECUTIVE_WORDS', () => {
    for (const phrase of EXECUTIVE_PHRASES) {
      expect({ phrase, matched: EXECUTIVE.some((re) => re.test(phrase)), gate: EXECUTIVE_WORDS.test(phrase), summary: isExecutiveSummary(phrase) }).toEqual({ phrase, matched: true, gate: true, summary: true });
    }
    for (const re of EXECUTIVE) expect({ re: re.source, covered: EXECUTIVE_PHRASES.some((p) => re.test(p)) }).toEqual({ re: re.source, covered: true });
  });

  it('EXECUTIVE_WORDS takes "how" and "state" as whole words only: "show ..." and "statement" skip the patterns', () => {
    for (const text of ['show critical risk recommendations', 'show me the statement', 'list overdue items']) expect({ text, gate: EXECUTIVE_WORDS.test(text) }).toEqual({ text, gate: false });
    for (const text of ['how are we doing?', 'so, how is our posture', 'state of our security']) expect({ text, gate: EXECUTIVE_WORDS.test(text) }).toEqual({ text, gate: true });
  });
});
