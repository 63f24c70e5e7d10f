// Questions answered above single recommendations: CVEs ("CVE-2021-44228", "log4shell", "top CVEs by affected
// resources", "which have a fix available"), resources as the unit ("top 5 riskiest resources", "what's wrong with
// X") and attack paths ("show attack paths", "the attack path for X"). Read from the scan and filter draft the
// planner already made; undefined when the message is none of these, so the recommendation planner goes on.
import type { PlannedAction } from '../actions/registry';
import type { AnalyzeFilter } from '../actions/contracts/analyze';
import type { PostureEngine } from '../posture/engine';
import type { Viewer } from '../posture/viewer';
import type { FilterDraft } from './filterBuilder';
import type { ScannedMessage } from './messageScan';
import { hasKind, KIND } from './kindSet';

/** The engine's CVE lookup, when the vocabulary source is the engine (tests may pass a smaller fake). */
type CveLookup = Partial<Pick<PostureEngine, 'vulnerabilities'>>;

const CVE_RE = /\bcve-(\d{4})-(\d{4,7})\b/g;
const CVE_WORDS = new Set(['cve', 'cves', 'vulnerability', 'vulnerabilities', 'vulns', 'vuln', 'exploit', 'exploits']);
const RANKING_WORDS = new Set(['top', 'most', 'per', 'affected', 'counts', 'count', 'ranked', 'biggest', 'worst', 'common']);
const FIX_WORDS = new Set(['fix', 'fixes', 'patch', 'patches', 'fixed', 'update', 'upgrade']);
const RESOURCE_WORDS = new Set(['resource', 'resources', 'assets', 'asset', 'machines', 'servers']);
const RISKIEST_WORDS = new Set(['riskiest', 'worst', 'top', 'most']);
const WRONG_WORDS = new Set(['wrong', 'issues', 'problems']);
/** Words that make a message a request to explain or fix, which another skill answers. */
const LEAVE_TO_REMEDIATE = new Set(['summarize', 'summarise', 'summary', 'explain', 'tldr', 'remediate', 'remediation', 'apply']);
/** Words too common to be a CVE or package name. */
const STOP = new Set(['should', 'remediated', 'resolved', 'have', 'with', 'from', 'that', 'this', 'show', 'list']);
const RECOMMENDATION_WORDS = new Set(['recommendation', 'recommendations', 'risks', 'findings', 'rows', 'many', 'count', 'number']);

/**
 * Well-known nicknames that the data's CVE titles do not carry. Each entry cites where the name comes from;
 * names in the titles ("Log4Shell", "Heartbleed", "PrintNightmare") are found in the data instead.
 */
export const CVE_NICKNAMES: Readonly<Record<string, { cve: string; source: string }>> = {
  // The discoverers' advisory names it: https://www.qualys.com/2024/07/01/cve-2024-6387/regresshion.txt
  regresshion: { cve: 'CVE-2024-6387', source: 'https://www.qualys.com/2024/07/01/cve-2024-6387/regresshion.txt' },
  // Named in CISA's alert on CVE-2022-22965: https://www.cisa.gov/news-events/alerts/2022/04/01/spring-releases-security-updates-addressing-spring4shell-and-spring
  spring4shell: { cve: 'CVE-2022-22965', source: 'https://www.cisa.gov/news-events/alerts/2022/04/01/spring-releases-security-updates-addressing-spring4shell-and-spring' },
};

/** Resources shown when a question groups by resource without saying how many. */
const BY_RESOURCE_TOP = 10;

const action = (name: string, parameters: Record<string, unknown>): PlannedAction[] => [{ name, parameters }];

export interface InsightContext {
  source: CveLookup;
  viewer: Viewer;
}

export function planInsightIntent(scan: ScannedMessage, draft: FilterDraft, context: InsightContext): PlannedAction[] | undefined {
  const words = scan.words;
  const has = (set: ReadonlySet<string>) => words.some((w) => set.has(w));
  // Asking to explain or fix something is the remediate skill's ("how do I fix log4shell", "summarize the first one").
  if (has(LEAVE_TO_REMEDIATE) || (words[0] === 'how' && words.slice(1, 4).some((w) => w === 'fix' || w === 'patch'))) return undefined;
  const limit = topN(scan);
  const fix = fixWanted(words);

  // Attack paths as answers; "which recommendations have attack paths" stays a recommendation list.
  const pathAt = words.findIndex((w, i) => w === 'attack' && (words[i + 1] === 'path' || words[i + 1] === 'paths'));
  const onRows = ['with', 'have', 'has', 'on', 'without'].includes(words[pathAt - 1] ?? '') || hasKind(draft.kinds, KIND.refineSet) || hasKind(draft.kinds, KIND.refineAdd) || hasKind(draft.kinds, KIND.exclude);
  if (pathAt >= 0 && !onRows && !has(RECOMMENDATION_WORDS) && !draft.count && !draft.breakdown && !draft.filter.riskLevels && !draft.filter.severities) {
    const resourceText = draft.filter.resourceText ?? textAfter(scan, pathAt + 2, ['for', 'to', 'through', 'via', 'of', 'on', 'from', 'into']);
    return action('attackPaths', { ...(resourceText ? { resourceText } : {}), ...(limit ? { limit } : {}) });
  }

  const cves = scan.normalized.includes('cve-') ? [...scan.normalized.matchAll(CVE_RE)].map((m) => `CVE-${m[1]}-${m[2]}`) : [];
  const nicknamed: string[] = [];
  // Own keys only: a typed word such as "constructor" must not find Object.prototype's members.
  for (const w of words) if (Object.hasOwn(CVE_NICKNAMES, w)) nicknamed.push((CVE_NICKNAMES[w] as { cve: string }).cve);
  const ids = [...new Set([...cves, ...nicknamed])];
  if (ids.length > 0) return action('vulnerabilities', { cves: ids.slice(0, 25), ...fixParam(fix) });

  const named = findVulnerabilityWord(scan, has(CVE_WORDS), context);
  if (named) return action('vulnerabilities', { ...named, ...fixParam(fix), ...(limit ? { limit } : {}) });

  // "top CVEs by affected resources", "counts per CVE", "which vulnerabilities have a fix available".
  const cveAsked = words.includes('cve') || words.includes('cves') || (has(CVE_WORDS) && (has(RANKING_WORDS) || fix !== undefined));
  // "how many CVEs do we have": counting CVEs themselves, not the recommendations they sit on.
  const countsCves = (words.includes('cve') || words.includes('cves')) && draft.count && Object.keys(draft.filter).every((f) => f === 'riskFactors');
  if (cveAsked && (has(RANKING_WORDS) || fix !== undefined || words.length <= 3 || countsCves)) return action('vulnerabilities', { ...fixParam(fix), ...(limit ? { limit } : {}) });
  if (fix !== undefined && !has(RECOMMENDATION_WORDS)) return action('vulnerabilities', { ...fixParam(fix), ...(limit ? { limit } : {}) });

  // "what's wrong with X" / "anything wrong with X": one resource, its recommendations ranked.
  const wrongAt = words.findIndex((w) => WRONG_WORDS.has(w));
  if (wrongAt >= 0 && words[wrongAt + 1] === 'with' && draft.filter.resourceText) {
    return action('resources', { filter: { resourceText: draft.filter.resourceText }, limit: 1 });
  }

  // "critical risks by resource", "group them by resource": the resources card is the grouping by resource.
  const byAt = words.findIndex((w, i) => w === 'by' && (words[i + 1] === 'resource' || words[i + 1] === 'resources'));
  if (byAt >= 0 && !['type', 'types', 'group', 'groups'].includes(words[byAt + 2] ?? '')) {
    return action('resources', { filter: { ...draft.filter }, limit: limit ?? BY_RESOURCE_TOP });
  }

  // "top 5 riskiest resources", "which resources are most at risk".
  const riskiest = words.includes('riskiest') || (words.includes('most') && words.includes('risk')) || (has(RISKIEST_WORDS) && limit !== undefined);
  // A resource type is the unit too: "top 3 riskiest storage accounts".
  if (riskiest && (has(RESOURCE_WORDS) || draft.filter.resourceTypes !== undefined) && !has(RECOMMENDATION_WORDS)) {
    const filter: AnalyzeFilter = { ...draft.filter };
    // "most at risk" / "riskiest" are the ranking, not a level filter.
    if (!/\b(critical|high|medium|low)\b/.test(scan.normalized)) delete filter.riskLevels;
    return action('resources', { filter, ...(limit ? { limit } : {}) });
  }
  return undefined;
}

const fixParam = (fix: boolean | undefined) => (fix === undefined ? {} : { fixAvailable: fix });

/** "has a fix available" → true, "no fix (available|yet)" → false; undefined when fixes are not asked about. */
function fixWanted(words: readonly string[]): boolean | undefined {
  const at = words.findIndex((w) => FIX_WORDS.has(w));
  if (at < 0 || !(words.includes('available') || words.includes('yet'))) return undefined;
  const before = words.slice(Math.max(0, at - 2), at);
  return !(before.includes('no') || before.includes('without') || words.includes('unfixed'));
}

/** "top 5", "5 riskiest", "first 3": the number said with a ranking word, between 1 and 50. */
function topN(scan: ScannedMessage): number | undefined {
  const n = scan.numbers[0]?.value;
  if (n === undefined || n < 1 || n > 50) return undefined;
  return Math.floor(n);
}

/** The words after a cue ("for jumpbox-01"), as typed: a resource name the engine matches as "contains". */
function textAfter(scan: ScannedMessage, from: number, cues: string[]): string | undefined {
  for (let i = from; i < scan.tokens.length; i += 1) {
    if (!cues.includes(scan.tokens[i]?.text ?? '')) continue;
    const rest = scan.tokens.slice(i + 1).filter((t) => t.text !== 'the' && t.text !== 'my' && t.text !== 'our');
    const raw = [...new Set(rest.map((t) => t.word))].map((w) => rest.find((t) => t.word === w)?.rawWord ?? '').join(' ');
    const cleaned = raw.replace(/[?!.,;:]+$/g, '').trim();
    return cleaned.length > 0 ? cleaned.slice(0, 200) : undefined;
  }
  return undefined;
}

/**
 * A word no other meaning claimed that the data's CVE titles contain ("log4shell", "heartbleed"), else a package
 * name the data has ("openssl", "log4j-core" as "log4j"): `text` or `software`. Only tried when
 * the message is that word alone, the word mixes letters and digits, or the message speaks of vulnerabilities, so
 * ordinary leftovers ("remote", "code") never become a CVE search.
 */
function findVulnerabilityWord(scan: ScannedMessage, vulnerabilityCue: boolean, context: InsightContext): { text: string } | { software: string } | undefined {
  const lookup = context.source.vulnerabilities;
  if (!lookup) return undefined;
  // "vulnerabilities in expat": the package word may also be found in a recommendation's title ("... in expat ...").
  const inTitles = vulnerabilityCue ? scan.names.filter((n) => n.field === 'recommendation').flatMap((n) => scan.tokens.slice(n.start, n.end)) : [];
  const candidates = [...scan.unmatched, ...inTitles].filter((t) => t.text.length >= 4 && !CVE_WORDS.has(t.text) && !STOP.has(t.text)).slice(0, 3);
  const alone = scan.unmatched.length === 1 && scan.names.length === 0 && scan.concepts.length <= 1;
  // "dirty pipe", "blue keep": a nickname of two or three loose words, tried whole against the CVE titles.
  const phrase = looseRun(scan);
  if (phrase && (vulnerabilityCue || (scan.names.length === 0 && scan.concepts.length <= 1))) {
    const byTitle = lookup.call(context.source, context.viewer, { filter: { vulnerabilityText: phrase, statuses: ['Unhealthy'] }, limit: 1 });
    if (byTitle.total > 0) return { text: phrase };
  }
  for (const token of candidates) {
    if (!(alone || vulnerabilityCue || (/\d/.test(token.text) && /[a-z]/.test(token.text)))) continue;
    const byTitle = lookup.call(context.source, context.viewer, { filter: { vulnerabilityText: token.text, statuses: ['Unhealthy'] }, limit: 1 });
    if (byTitle.total > 0) return { text: token.text };
    const bySoftware = lookup.call(context.source, context.viewer, { filter: { software: token.text, statuses: ['Unhealthy'] }, limit: 1 });
    if (bySoftware.total > 0) return { software: token.text };
  }
  return undefined;
}

/** The loose words when they are two or three in a row and nothing else is loose ("show dirty pipe"). */
function looseRun(scan: ScannedMessage): string | undefined {
  const loose = scan.unmatched;
  if (loose.length < 2 || loose.length > 3) return undefined;
  const at = loose.map((t) => scan.tokens.indexOf(t));
  if (at.some((i, k) => k > 0 && i !== (at[k - 1] ?? -2) + 1)) return undefined;
  const text = loose.map((t) => t.text).join(' ');
  return text.length >= 5 && !loose.some((t) => CVE_WORDS.has(t.text) || STOP.has(t.text)) ? text : undefined;
}
