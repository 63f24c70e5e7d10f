// Citations for a model-written answer: each name the answer kept because the data holds it (src/llmPlanner/
// grounding.ts) cites the recommendation record it came from, with its portal link. The text gets a [n] marker
// after the name's first mention, which is how Teams ties the sentence to the citation.
import type { AnswerCitation } from '../actions/contracts/messagePlanner';
import type { PostureEngine } from '../posture/engine';
import type { Viewer } from '../posture/viewer';
import { safePortalLink } from '../views/portalLinks';

export type CitationSource = Pick<PostureEngine, 'search' | 'details'>;

/** At most this many citations per answer. */
export const MAX_CITATIONS = 5;

export function isCitationSource(source: unknown): source is CitationSource {
  return typeof source === 'object' && source !== null && typeof (source as CitationSource).search === 'function' && typeof (source as CitationSource).details === 'function';
}

/** The records behind the names (resource or recommendation names), and the text with their [n] markers. */
/** `start`: citations already given (a streamed answer is cited a sentence at a time); markers continue from it. */
export function citeNames(text: string, names: readonly string[], source: CitationSource, viewer: Viewer, start = 0): { text: string; citations: AnswerCitation[] } {
  const citations: AnswerCitation[] = [];
  let cited = text;
  for (const name of names) {
    if (start + citations.length >= MAX_CITATIONS) break;
    const row =
      source.search(viewer, { filter: { resourceText: name }, limit: 1 }).items[0] ?? source.search(viewer, { filter: { recommendationText: name }, limit: 1 }).items[0];
    if (!row) continue;
    const details = source.details(viewer, row.assessmentId);
    const link = safePortalLink(details?.portalLink);
    const at = cited.toLowerCase().indexOf(name.toLowerCase());
    if (at < 0) continue;
    citations.push({
      name: `${row.displayName} (${row.resourceName})`.slice(0, 200),
      abstract: `${row.severity} severity, ${row.status} on ${row.resourceName}${row.subscriptionName ? ` in ${row.subscriptionName}` : ''}: from your Defender for Cloud data.`.slice(0, 477),
      ...(link ? { url: link } : {}),
    });
    const end = at + name.length;
    cited = `${cited.slice(0, end)} [${start + citations.length}]${cited.slice(end)}`;
  }
  return { text: cited, citations };
}
