// Questions about change over time ("what changed since last week", "new critical risks since Monday", "what got
// fixed this month") and the executive summary ("give me an executive summary", "summary of our posture"), read
// from the time phrases (timePhrases.ts) and the filter the rest of the message describes.
import type { AnalyzeFilter } from '../actions/contracts/analyze';
import type { Since } from '../actions/contracts/time';
import type { PlannedAction } from '../actions/registry';
import type { TimeReading } from './timePhrases';
import { collapseSpaces } from './normalize';

export const EXECUTIVE: readonly RegExp[] = [
  /\b(?:executive|exec|board|management|leadership|ciso|cio|cto|boss|manager|managers|leaders)\b.*\b(?:summary|summaries|report|overview|update|brief|briefing|rundown)\b/,
  /\b(?:summary|overview|report|snapshot|picture|rundown|status) (?:of|on|for) (?:our|the|my) (?:overall |current |cloud |security )*(?:posture|security|tenant|environment|cloud|estate)\b/,
  /\b(?:posture|security) (?:summary|overview|report|snapshot|rundown|status report)\b/,
  /\bsummari[sz]e (?:our|the|my) (?:overall |current |cloud |security )*(?:posture|security|tenant|environment|estate)\b/,
  /\b(?:how are we doing|how is our (?:security |cloud )?posture|how secure are we overall|state of (?:our|the) (?:security|posture))\b/,
  /\b(?:overall|big) (?:summary|picture)\b/,
  /\bhigh[ -]level (?:summary|overview|view|picture|report)\b/,
  /\b(?:security|cloud|posture|defender) (?:overview|summary|snapshot|scorecard|health check)\b/,
  /\b(?:summary|overview|report) (?:for|to send to|to share with) (?:the |my |our )?(?:exec|execs|executives|board|leadership|management|ciso|cio|boss|manager|leaders|stakeholders)\b/,
  /\bsummary for (?:my|the|our) (?:boss|board|manager|management|leadership|ciso|team)\b/,
  /^(?:(?:please|can you|could you|can i get|give me|show me|i want|i need|get me)\s+)*(?:a |an |the )?(?:quick |short |brief |high level |high-level )?(?:summary|overview)(?: please)?$/,
];

const NUMBER_WORDS: Readonly<Record<string, number>> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, fifteen: 15, twenty: 20 };
const N = `(\\d{1,2}|${Object.keys(NUMBER_WORDS).join('|')})`;
const TOP_BEFORE = new RegExp(`\\b(?:top|worst|riskiest|biggest|highest|most critical|most urgent|most important|most severe) ${N}\\b`);
const TOP_AFTER = new RegExp(`\\b${N} (?:worst|riskiest|biggest|highest|most critical|most urgent|most important|most severe|top|riskiest|most risky)\\b`);
/** "show 10 critical risks", "list 5 recommendations": a count right after the verb. */
const COUNT_AFTER_VERB = new RegExp(`^(?:please )?(?:show|list|give|get|find)(?: me)?(?: the)? ${N} (?!more\\b|of\\b)`);

/** "top 5", "the 3 worst", "first ten": how many rows a list should show, 1 to 50. */
export function topNOf(normalized: string): number | undefined {
  const m = TOP_BEFORE.exec(normalized) ?? TOP_AFTER.exec(normalized) ?? COUNT_AFTER_VERB.exec(normalized);
  if (!m?.[1]) return undefined;
  const n = NUMBER_WORDS[m[1]] ?? Number(m[1]);
  return Number.isInteger(n) && n >= 1 && n <= 50 ? n : undefined;
}

/**
 * Letters each EXECUTIVE pattern cannot match without: a summary, report, (over)view, update, brief(ing), rundown,
 * snapshot, picture, status or scorecard word, "health" (check), or the words "how" or "state" (of) whole: the
 * letters alone are inside "show" and "statement", so "show ..." (most list questions) would pass. Word edges hold
 * before punctuation is taken out too (only non-word characters become spaces). Keep it in step with the patterns
 * (a test checks each).
 */
export const EXECUTIVE_WORDS = /summar|report|view|update|brief|rundown|snapshot|picture|status|scorecard|health|\bhow\b|\bstate\b/;

export function isExecutiveSummary(normalized: string): boolean {
  if (!EXECUTIVE_WORDS.test(normalized)) return false;
  const text = collapseSpaces(normalized.replace(/[!?.,;:]+/g, ' ')).trim();
  return EXECUTIVE.some((re) => re.test(text));
}

export function planExecutiveSummary(normalized: string, time: TimeReading): PlannedAction[] | undefined {
  if (!isExecutiveSummary(time.rest) && !isExecutiveSummary(normalized)) return undefined;
  const limit = topNOf(normalized);
  const since = time.since ?? sinceOfPeriod(time.period);
  return [{ name: 'executiveSummary', parameters: { ...(since ? { since } : {}), ...(limit ? { limit } : {}) } }];
}

/** A change question: a point to compare with, or change words with a past period ("what got fixed this month"). */
export function isChangeQuestion(time: TimeReading): boolean {
  if (time.due) return false;
  if (time.since) return true;
  if (sinceOfPeriod(time.period) && (time.changeAsked || time.changeKinds.length > 0)) return true;
  return time.changeAsked;
}

export function sinceOfPeriod(period: TimeReading['period']): Since | undefined {
  if (period === 'today' || period === 'yesterday' || period === 'thisWeek' || period === 'lastWeek' || period === 'thisMonth' || period === 'lastMonth') return { period };
  return undefined;
}

/** The changes action: what to compare with (yesterday when unsaid), which kinds, and the filter of the rest. */
export function planChanges(time: TimeReading, filter: AnalyzeFilter, limit: number | undefined): PlannedAction[] {
  const since: Since = time.since ?? sinceOfPeriod(time.period) ?? { period: 'yesterday' };
  // "fixed" and "open" are what the change is, not a status to filter on.
  const { statuses: _statuses, governance, ...rest } = filter;
  const kept: AnalyzeFilter = { ...rest, ...(governance && !governance.includes('completed') ? { governance } : {}) };
  return [
    {
      name: 'changes',
      parameters: {
        since,
        ...(time.changeKinds.length > 0 ? { kinds: time.changeKinds } : {}),
        ...(Object.keys(kept).length > 0 ? { filter: kept } : {}),
        ...(limit ? { limit } : {}),
      },
    },
  ];
}
