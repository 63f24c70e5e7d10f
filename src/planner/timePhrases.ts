// Reads the time in a message before anything else sees it: due-date ranges ("due this week", "in the next 7 days",
// "overdue by more than 30 days"), points to compare with ("since Monday", "in the last 3 days", "this month") and
// the kinds of change asked about ("new", "fixed", "deleted"). The phrases are cut out of the text, so their words
// ("days", "week", "since") never become name filters. Dates are not computed here: the contract carries words.
import type { ChangeKind } from '../actions/contracts/history';
import type { DueRange, Period, Since, Weekday } from '../actions/contracts/time';
import { WEEKDAYS } from '../actions/contracts/time';
import { collapseSpaces } from './normalize';

export interface TimeReading {
  /** The message without the time phrases (normalized, lower case). */
  rest: string;
  due?: DueRange;
  since?: Since;
  /** A bare period ("this week", "today") said without "due" or "since": its meaning depends on the question. */
  period?: Period;
  /** Change words: "changed", "new", "fixed", ... */
  changeKinds: ChangeKind[];
  /** "changed", "what's different", "diff": a change question with no particular kind. */
  changeAsked: boolean;
}

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  fourteen: 14, fifteen: 15, twenty: 20, thirty: 30, sixty: 60, ninety: 90,
};
const NUM = `(\\d{1,4}|${Object.keys(NUMBER_WORDS).join('|')})`;
const UNIT = '(days?|weeks?|months?|hours?)';
const WEEKDAY = `(${WEEKDAYS.join('|')}|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)`;
const DATE = '(\\d{4}-\\d{2}-\\d{2})';
const PERIOD_WORDS = '(today|tomorrow|yesterday|this week|next week|last week|previous week|this month|next month|last month|previous month)';

const numberOf = (text: string): number => NUMBER_WORDS[text] ?? Number(text);
function daysOf(n: string, unit: string): number {
  const value = numberOf(n);
  if (unit.startsWith('week')) return value * 7;
  if (unit.startsWith('month')) return value * 30;
  if (unit.startsWith('hour')) return Math.max(1, Math.ceil(value / 24));
  return value;
}
const clampDays = (n: number) => Math.min(366, Math.max(1, Math.round(n)));

function periodOf(words: string): Period {
  const w = words.replace(/previous|past/, 'last');
  const table: Record<string, Period> = {
    today: 'today', tomorrow: 'tomorrow', yesterday: 'yesterday', 'this week': 'thisWeek', 'next week': 'nextWeek', 'last week': 'lastWeek',
    'this month': 'thisMonth', 'next month': 'nextMonth', 'last month': 'lastMonth',
  };
  return table[w] ?? 'today';
}

function weekdayOf(word: string): Weekday {
  return WEEKDAYS.find((d) => d.startsWith(word.slice(0, 3))) ?? 'monday';
}

const SINCE_PERIODS = new Set<Period>(['today', 'yesterday', 'thisWeek', 'lastWeek', 'thisMonth', 'lastMonth']);

// The phrases, compiled once (none is global: exec keeps no state between messages).
const OVERDUE_BY_MORE_THAN = new RegExp(` (?:that (?:are|is) |which (?:are|is) |been |are |is )?(?:overdue|past due|late) (?:by |for )?(?:more than|over|at least|longer than|upwards of) ${NUM} ${UNIT} `);
const MORE_THAN_OVERDUE = new RegExp(` (?:more than|over|at least) ${NUM} ${UNIT} (?:overdue|late|past due|past their due date|past the due date) `);
const DUE_BETWEEN = new RegExp(` due (?:between|from) ${DATE} (?:and|to|until) ${DATE} `);
const DUE_BEFORE = new RegExp(` due (?:before|by) ${DATE} `);
const DUE_ON_OR_BEFORE = new RegExp(` due (?:on or before|no later than|until) ${DATE} `);
const DUE_AFTER = new RegExp(` due (?:after) ${DATE} `);
const DUE_IN_NEXT = new RegExp(` (?:due |coming due |falling due )?(?:in|within|over|during) (?:the )?(?:next|coming|upcoming) ${NUM} ${UNIT} `);
const DUE_WITHIN = new RegExp(` (?:due |coming due )(?:in|within) ${NUM} ${UNIT} `);
const NEXT_N = new RegExp(` (?:the )?next ${NUM} ${UNIT} `);
const DUE_PERIOD = new RegExp(` (?:due|coming due|falling due|deadlines?|deadline is|to be done|to fix|expiring|expire) (?:by |before the end of |by the end of |for |within |in |during |on |at the end of )?${PERIOD_WORDS} `);
const PERIOD_DUE = new RegExp(` ${PERIOD_WORDS} (?:is |are )?due `);
const SINCE_DATE = new RegExp(` since ${DATE} `);
const SINCE_WEEKDAY = new RegExp(` since (?:last |this )?${WEEKDAY} `);
const SINCE_PERIOD = new RegExp(` since (?:the start of |the beginning of )?${PERIOD_WORDS} `);
const LAST_N = new RegExp(` (?:in|over|during|within|for)? ?(?:the )?(?:last|past|previous) ${NUM} ${UNIT} `);
const N_AGO = new RegExp(` ${NUM} ${UNIT} ago `);
const BARE_PERIOD = new RegExp(` (?:on |over |during |in |for )?${PERIOD_WORDS} `);
const SINCE_START_OF = / since (?:the start of |the beginning of )(?:the )?(week|month) /;
const PAST_UNIT = / (?:(?:in|over|during|within|for) (?:the )?(?:past|last) (day|24 hours|week|month)|(?:the )?past (day|24 hours|week|month)|(?:the )?last (?:day|24 hours)) /;
/** Every due and since pattern, for the test that each needs one of TIME_WORDS. */
export const DUE_AND_SINCE_PATTERNS: readonly RegExp[] = [
  OVERDUE_BY_MORE_THAN, MORE_THAN_OVERDUE, DUE_BETWEEN, DUE_BEFORE, DUE_ON_OR_BEFORE, DUE_AFTER, DUE_IN_NEXT, DUE_WITHIN, NEXT_N, DUE_PERIOD, PERIOD_DUE,
  SINCE_DATE, SINCE_WEEKDAY, SINCE_PERIOD, SINCE_START_OF, LAST_N, N_AGO, PAST_UNIT, BARE_PERIOD,
];

/** Change words and the kind each names; "changed" and the like ask for every kind. */
const KIND_PATTERNS: ReadonlyArray<{ re: RegExp; kind: ChangeKind }> = [
  { re: /\bnewly (assessed|discovered|scanned|onboarded)\b|\bassessed for the first time\b|\bnew resources?\b/, kind: 'newlyAssessed' },
  { re: /\b(new|newly opened|newly failing|appeared|popped up|showed up|opened|regressed|regressions?)\b/, kind: 'new' },
  { re: /\b(got fixed|were fixed|was fixed|been fixed|fixed|got resolved|resolved|remediated|closed|got closed|cleaned up)\b/, kind: 'fixed' },
  { re: /\b(exempted|exempt|got exempted|waived|suppressed)\b/, kind: 'exempted' },
  { re: /\b(deleted|removed|disappeared|went away|gone)\b/, kind: 'deleted' },
];
const CHANGE_RE = /\b(what changed|what has changed|what's changed|whats changed|changed|changes|what's new|whats new|what is new|anything new|what's different|whats different|what is different|difference|differences|diff|delta|progress|trend|improved|got worse|gotten worse)\b/;
/** Matches wherever one of KIND_PATTERNS or CHANGE_RE does (their union: none has flags or back-references). */
const ANY_CHANGE_WORD = new RegExp([...KIND_PATTERNS.map(({ re }) => re.source), CHANGE_RE.source].map((source) => `(?:${source})`).join('|'));

export function readTimePhrases(normalized: string): TimeReading {
  let rest = ` ${collapseSpaces(normalized.replace(/[?!.,;]+(\s|$)/g, ' ')).trim()} `;
  const reading: TimeReading = { rest: '', changeKinds: [], changeAsked: false };
  const cut = (re: RegExp, on: (m: RegExpExecArray) => void): boolean => {
    const m = re.exec(rest);
    if (!m) return false;
    on(m);
    rest = `${rest.slice(0, m.index)} ${rest.slice(m.index + m[0].length)}`;
    return true;
  };

  // Every due and since pattern needs one of TIME_WORDS: a message without them (most) skips all of them at once.
  if (TIME_WORDS.test(rest)) readDueAndSince(cut, reading);

  // Most messages name no change: one pass of the patterns' union says so instead of six passes.
  if (ANY_CHANGE_WORD.test(rest)) {
    for (const { re, kind } of KIND_PATTERNS) {
      if (re.test(rest)) {
        if (!reading.changeKinds.includes(kind)) reading.changeKinds.push(kind);
      }
    }
    reading.changeAsked = CHANGE_RE.test(rest);
  }
  reading.rest = collapseSpaces(rest).trim();
  return reading;
}

/**
 * A word each due and since pattern cannot match without, as a whole word: "due", "overdue" or "late" (overdue
 * and due-date phrases), "next", "coming", "upcoming" (the next N days), a period word (today ... month), "since",
 * "last", "past", "previous" (the last N days) or "ago". Keep it in step with the patterns (a test checks each).
 */
export const TIME_WORDS = /\b(?:due|overdue|late|next|coming|upcoming|today|tomorrow|yesterday|week|month|since|last|past|previous|ago)\b/;

function readDueAndSince(cut: (re: RegExp, on: (m: RegExpExecArray) => void) => boolean, reading: TimeReading): void {
  // Due ranges.
  cut(OVERDUE_BY_MORE_THAN, (m) => {
    reading.due = { overdueMoreThanDays: clampDays(daysOf(m[1] ?? '0', m[2] ?? 'days')) };
  }) ||
    cut(MORE_THAN_OVERDUE, (m) => {
      reading.due = { overdueMoreThanDays: clampDays(daysOf(m[1] ?? '0', m[2] ?? 'days')) };
    }) ||
    cut(DUE_BETWEEN, (m) => {
      reading.due = { from: m[1] ?? '', to: m[2] ?? '' };
    }) ||
    cut(DUE_BEFORE, (m) => {
      reading.due = { to: previousDay(m[1] ?? '') };
    }) ||
    cut(DUE_ON_OR_BEFORE, (m) => {
      reading.due = { to: m[1] ?? '' };
    }) ||
    cut(DUE_AFTER, (m) => {
      reading.due = { from: nextDay(m[1] ?? '') };
    }) ||
    cut(DUE_IN_NEXT, (m) => {
      reading.due = { nextDays: clampDays(daysOf(m[1] ?? '0', m[2] ?? 'days')) };
    }) ||
    cut(DUE_WITHIN, (m) => {
      reading.due = { nextDays: clampDays(daysOf(m[1] ?? '0', m[2] ?? 'days')) };
    }) ||
    cut(NEXT_N, (m) => {
      reading.due = { nextDays: clampDays(daysOf(m[1] ?? '0', m[2] ?? 'days')) };
    }) ||
    cut(DUE_PERIOD, (m) => {
      reading.due = { period: periodOf(m[1] ?? '') };
    }) ||
    cut(PERIOD_DUE, (m) => {
      reading.due = { period: periodOf(m[1] ?? '') };
    });

  // Points to compare with.
  cut(SINCE_DATE, (m) => {
    reading.since = { date: m[1] ?? '' };
  }) ||
    cut(SINCE_WEEKDAY, (m) => {
      reading.since = { weekday: weekdayOf(m[1] ?? 'monday') };
    }) ||
    cut(SINCE_PERIOD, (m) => {
      const p = periodOf(m[1] ?? '');
      reading.since = { period: SINCE_PERIODS.has(p) ? (p as Extract<Since, { period: unknown }>['period']) : 'yesterday' };
    }) ||
    cut(SINCE_START_OF, (m) => {
      reading.since = { period: m[1] === 'week' ? 'thisWeek' : 'thisMonth' };
    }) ||
    cut(LAST_N, (m) => {
      reading.since = { daysAgo: clampDays(daysOf(m[1] ?? '1', m[2] ?? 'days')) };
    }) ||
    cut(N_AGO, (m) => {
      reading.since = { daysAgo: clampDays(daysOf(m[1] ?? '1', m[2] ?? 'days')) };
    }) ||
    cut(PAST_UNIT, (m) => {
      const unit = m[1] ?? m[2];
      reading.since = unit === 'month' ? { daysAgo: 30 } : unit === 'week' ? { daysAgo: 7 } : { daysAgo: 1 };
    }) ||
    cut(BARE_PERIOD, (m) => {
      reading.period = periodOf(m[1] ?? '');
    });
}

/** Removes change words from the text, so "new critical risks" leaves "critical risks" to read as the filter. */
const KIND_PATTERNS_GLOBAL = KIND_PATTERNS.map(({ re }) => new RegExp(re.source, 'g'));
const CHANGE_RE_GLOBAL = new RegExp(CHANGE_RE.source, 'g');

export function withoutChangeWords(text: string): string {
  let out = ` ${text} `;
  for (const re of KIND_PATTERNS_GLOBAL) out = out.replace(re, ' ');
  out = out.replace(CHANGE_RE_GLOBAL, ' ');
  out = out.replace(/\b(what|which|got|get|have|has|been|were|was|did|any|anything|show|me|list|the|is|are)\b/g, ' ');
  return collapseSpaces(out).trim();
}

function shiftDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const x = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days));
  return x.toISOString().slice(0, 10);
}
const previousDay = (date: string) => shiftDate(date, -1);
const nextDay = (date: string) => shiftDate(date, 1);
