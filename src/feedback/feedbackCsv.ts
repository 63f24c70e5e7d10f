// The feedback report as CSV (RFC 4180: every cell quoted, quotes doubled, CRLF rows) for admins to open in a
// spreadsheet. People's comments are data, never formulas: a cell that starts with = + - @ or a control character
// gets a leading apostrophe, so Excel and Sheets show it as text instead of running it. Who rated is left out: the
// report is about answers, not people.
import { RATING_LABELS, type FeedbackRecord } from './feedbackRecord';

const HEADER = ['rated_at_utc', 'action', 'rating', 'thumbs', 'results_unrelated', 'would_make_better', 'comment', 'conversation_type', 'via'];

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function feedbackCsv(records: readonly FeedbackRecord[]): string {
  const rows = [...records]
    .sort((a, b) => a.at - b.at)
    .map((r) => [
      new Date(r.at).toISOString(),
      r.action?.name ?? '',
      r.rating ? RATING_LABELS[r.rating] : '',
      r.reaction === 'like' ? 'up' : 'down',
      r.unrelatedResults ? 'yes' : '',
      r.wouldMakeBetter ?? '',
      r.text ?? '',
      r.conversationType ?? '',
      r.via,
    ]);
  return [HEADER, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
