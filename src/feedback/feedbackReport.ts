// "feedback report last 7 days", for admins: ratings counted per action and rating, and the latest comments. The
// comments are people's text: escaped so they show as written, never as markup or links. The read is recorded.
import { withinScope } from '../access/idScope';
import { z } from 'zod';
import type { Admins } from '../account/admins';
import { NOT_ADMIN_TEXT } from '../account/admins';
import type { AdminReadLog } from '../account/adminReads';
import type { ReadActionDefinition } from '../actions/registry';
import type { DownloadLinks } from '../downloads/downloadLinks';
import { feedbackCsv } from './feedbackCsv';
import { withoutLinks } from '../views/portalLinks';
import type { Reply } from '../views/reply';
import { RATING_LABELS, RATINGS, type FeedbackRecord } from './feedbackRecord';
import type { FeedbackService } from './feedbackService';

const DAY = 24 * 60 * 60 * 1000;
const LATEST_COMMENTS = 5;
const COMMENT_CHARS = 200;

const parameters = z.object({ days: z.number().int().min(1).max(365).default(7) }).strict();

export interface FeedbackSummary {
  total: number;
  /** action -> rating (or 'noDetail' for a thumbs down without details) -> count. */
  byAction: Record<string, Record<string, number>>;
  unrelated: number;
  latestComments: FeedbackRecord[];
}

export function summarizeFeedback(records: readonly FeedbackRecord[]): FeedbackSummary {
  const byAction: FeedbackSummary['byAction'] = {};
  let unrelated = 0;
  for (const r of records) {
    const action = r.action?.name ?? '(none)';
    const counts = (byAction[action] ??= {});
    const key = r.rating ?? 'noDetail';
    counts[key] = (counts[key] ?? 0) + 1;
    if (r.unrelatedResults) unrelated += 1;
  }
  const latestComments = records.filter((r) => r.text || r.wouldMakeBetter).sort((a, b) => b.at - a.at).slice(0, LATEST_COMMENTS);
  return { total: records.length, byAction, unrelated, latestComments };
}

const quote = (text: string) => `"${withoutLinks(text.length > COMMENT_CHARS ? `${text.slice(0, COMMENT_CHARS)}…` : text).replace(/\s+/g, ' ')}"`;

export function feedbackReportText(days: number, summary: FeedbackSummary): string {
  if (summary.total === 0) return `No answers were rated in the last ${days} days.`;
  const lines = [`Feedback, last ${days} days: ${summary.total} rating${summary.total === 1 ? '' : 's'}`];
  for (const [action, counts] of Object.entries(summary.byAction).sort(([a], [b]) => a.localeCompare(b))) {
    const parts = RATINGS.map((r) => `${counts[r] ?? 0} ${RATING_LABELS[r].toLowerCase()}`);
    if (counts.noDetail) parts.push(`${counts.noDetail} thumbs down without details`);
    lines.push(`- ${withoutLinks(action)}: ${parts.join(', ')}`);
  }
  if (summary.unrelated > 0) lines.push(`- ${summary.unrelated} said the results were unrelated to the question`);
  if (summary.latestComments.length > 0) {
    lines.push('', 'Latest comments');
    for (const r of summary.latestComments) {
      const said = [r.wouldMakeBetter ? `would be better with ${quote(r.wouldMakeBetter)}` : '', r.text ? quote(r.text) : ''].filter(Boolean).join('; ');
      lines.push(`- ${new Date(r.at).toISOString().slice(0, 16).replace('T', ' ')} UTC, ${withoutLinks(r.action?.name ?? '(none)')}, ${r.rating ? RATING_LABELS[r.rating] : 'thumbs down'}: ${said}`);
    }
  }
  return lines.join('\n');
}

export function createFeedbackReportAction(deps: { service: FeedbackService; admins: Admins; reads: AdminReadLog; now?: () => number; downloads?: { links: DownloadLinks; ttlMs: number } }): ReadActionDefinition<typeof parameters, Reply> {
  const now = deps.now ?? Date.now;
  // The CSV holds people's comments: its single-use link goes only to the admin, in their one-to-one chat.
  const csvNote = async (records: readonly FeedbackRecord[], days: number, at: number, context: { viewer: { conversationType?: string }; actor: { id: string } }): Promise<string> => {
    if (!deps.downloads || records.length === 0) return '';
    if (context.viewer.conversationType !== 'personal') return '\n\nAsk me in a one-to-one chat for the ratings as a CSV file.';
    const file = { fileName: `feedback-last-${days}-days-${new Date(at).toISOString().slice(0, 10)}.csv`, contentType: 'text/csv' as const, text: feedbackCsv(records) };
    const link = await deps.downloads.links.linkFor(file, context.actor.id);
    if (!link) return '\n\nNo CSV link: the bot has no public address (PUBLIC_BASE_URL).';
    return `\n\nAll ${records.length} ratings as CSV: ${link}\nThe link works once and for ${Math.round(deps.downloads.ttlMs / 60_000)} minutes.`;
  };
  return {
    name: 'feedbackReport',
    description: 'For admins: ratings of answers per action and rating over the last N days, with the latest comments and a CSV download link.',
    parameters,
    sideEffects: false,
    async handler(params, context) {
      if (!deps.admins.isAdmin(context.actor)) {
        await context.reply({ kind: 'text', text: NOT_ADMIN_TEXT });
        return;
      }
      const at = now();
      const all = await deps.service.list({ since: at - params.days * DAY });
      // A scoped admin reads only ratings of answers about what they may see (prompts and comments name resources).
      const records = withinScope(context.viewer, all, (r) => r.recommendationIds);
      await deps.reads.record({ at, adminId: context.actor.id, what: 'feedbackReport', days: params.days, records: records.length });
      const hidden = all.length - records.length;
      const note = hidden > 0 ? `\n\n${hidden} rating(s) about answers outside your Azure access are not shown.` : '';
      await context.reply({ kind: 'text', text: feedbackReportText(params.days, summarizeFeedback(records)) + note + (await csvNote(records, params.days, at, context)) });
    },
  };
}
