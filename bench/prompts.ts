// What the bench asks the bot. Analyze prompts use only words any Defender tenant has (risk, severity, resource
// kinds, governance), never names from one tenant, so the same list works on the demo tenant and on any export.
import type { GroupBy, PostureEngine, PostureFilter } from '../src/posture/engine';
import type { Viewer } from '../src/posture/viewer';

/** The turn load rotates over these (the issue asks for at least 20 variants). */
export const ANALYZE_PROMPTS: readonly string[] = Object.freeze([
  'Show critical risk recommendations',
  'Which recommendations have attack paths?',
  'Break down unhealthy recommendations by severity',
  'Show overdue recommendations',
  'Show internet exposed resources with high risk',
  'High severity recommendations on storage accounts',
  'How many high or critical recommendations are open?',
  'Recommendations about encryption',
  'Break down open recommendations by resource type',
  'Unassigned high risk recommendations',
  'Critical severity issues on virtual machines',
  'What has sensitive data and is exposed to the internet?',
  'Show recommendations with lateral movement risk',
  'Medium severity recommendations on key vaults',
  'How many recommendations are overdue?',
  'Group open recommendations by owner',
  'List high severity recommendations sorted by due date',
  'Show AWS recommendations',
  'Which SQL servers have high severity findings?',
  'Break down recommendations by risk level',
  'Show unhealthy recommendations on app services',
  'Recommendations about MFA',
  'Show critical vulnerabilities',
  'Network recommendations with high risk',
]);

/**
 * The list-card mix (`--mix list`): only prompts the bot answers with a full list card of ten rows on the demo
 * tenant, the reply the card floor renders; no counts, breakdowns or "no match" cards to flatter the average.
 */
export const LIST_PROMPTS: readonly string[] = Object.freeze([
  'Show critical risk recommendations',
  'Which recommendations have attack paths?',
  'Show overdue recommendations',
  'Show internet exposed resources with high risk',
  'High severity recommendations on storage accounts',
  'Unassigned high risk recommendations',
  'Critical severity issues on virtual machines',
  'Show recommendations with lateral movement risk',
  'List high severity recommendations sorted by due date',
  'Show AWS recommendations',
  'Show unhealthy recommendations on app services',
  'Network recommendations with high risk',
]);

/**
 * The summarize/remediate mix (`--mix remediate`): standalone questions naming recommendations by their catalog
 * names, which every Defender tenant shares. Some name a recommendation open on one resource, most on several: a
 * summary then takes the riskiest, a fix asks "which one?". Each is answered with a card.
 */
export const REMEDIATE_PROMPTS: readonly string[] = Object.freeze([
  'Summarize public network access on Azure SQL Database should be disabled',
  'How do I fix secure transfer to storage accounts should be enabled?',
  "What does 'Storage accounts should restrict network access using virtual network rules' mean?",
  'Summarize MFA should be enabled on accounts with owner permissions on your subscription',
  'How do I fix Function App should only be accessible over HTTPS?',
  'Explain disk encryption should be applied on virtual machines',
  'How do I fix TLS should be updated to the latest version for web apps?',
  'Summarize management ports should be closed on your virtual machines',
  'How to remediate Azure Cosmos DB should disable public network access',
  'What does system updates should be installed on your machines mean?',
  'How do I fix remote debugging should be turned off for Web Applications?',
  'Summarize diagnostic logs in Key Vault should be enabled',
  'How do I fix vulnerabilities in openssl should be remediated?',
  'Summarize storage accounts should prevent shared key access',
  'How do I fix FTPS should be required in web apps?',
  'Explain Azure SQL Database should be running TLS version 1.2 or newer',
]);

/**
 * The details mix (`--mix details`): after one list in the conversation (DETAILS_SETUP, sent before the load and not
 * measured), only questions about one of its rows, by position: every tenant's list has a first, second … and last.
 */
export const DETAILS_SETUP: readonly string[] = Object.freeze(['Show high severity recommendations']);
export const DETAILS_PROMPTS: readonly string[] = Object.freeze([
  'Details of the second one',
  'Tell me more about the first one',
  'Show details of number 3',
  '#4',
  "What's wrong with the fifth one?",
  'The last one',
  'Details of the third one',
  'More about the second one',
]);

/**
 * The counts and breakdowns mix (`--mix counts`): "how many …" (answered with a sentence) and "break down … by …"
 * (a breakdown card), in words every Defender tenant has (severity, status, governance, resource types, owners).
 */
export const COUNTS_PROMPTS: readonly string[] = Object.freeze([
  'How many recommendations are overdue?',
  'Break down open recommendations by owner',
  'How many high severity recommendations are open?',
  'Break down high severity recommendations by resource type',
  'How many recommendations have attack paths?',
  'Break down recommendations by category',
  'How many critical risk recommendations are there?',
  'Break down recommendations by subscription',
  'How many unhealthy recommendations are unassigned?',
  'Group unhealthy recommendations by governance state',
  'How many medium severity recommendations are open?',
  'Break down unhealthy recommendations by severity',
  'Count recommendations by cloud',
  'Break down recommendations by risk level',
]);

export interface RepresentativeQuery {
  name: string;
  /** The same question as the bot hears it. */
  prompt: string;
  /** What the analyze skill asks the engine for it: one page of ten, a count, or a breakdown. */
  run(engine: PostureEngine, viewer: Viewer): number;
}

const UNHEALTHY: PostureFilter = { statuses: ['Unhealthy'] };
const list = (filter: PostureFilter, sort?: 'risk' | 'severity' | 'dueDate') => (engine: PostureEngine, viewer: Viewer) =>
  engine.search(viewer, { filter: { ...UNHEALTHY, ...filter }, limit: 10, ...(sort ? { sort } : {}) }).total;
const group = (filter: PostureFilter, by: GroupBy) => (engine: PostureEngine, viewer: Viewer) => engine.group(viewer, { ...UNHEALTHY, ...filter }, by).total;
const count = (filter: PostureFilter) => (engine: PostureEngine, viewer: Viewer) => engine.count(viewer, { ...UNHEALTHY, ...filter });

/** Ten queries covering the engine's paths: indexed enums, bit masks, text scans, joins, grouping, sorting. */
export const REPRESENTATIVE_QUERIES: readonly RepresentativeQuery[] = Object.freeze([
  { name: 'critical risk', prompt: 'Show critical risk recommendations', run: list({ riskLevels: ['Critical'] }) },
  { name: 'attack paths', prompt: 'Which recommendations have attack paths?', run: list({ hasAttackPaths: true }) },
  { name: 'by severity', prompt: 'Break down unhealthy recommendations by severity', run: group({}, 'severity') },
  { name: 'overdue', prompt: 'Show overdue recommendations', run: list({ governance: ['overdue'] }) },
  { name: 'internet exposed, high risk', prompt: 'Show internet exposed resources with high risk', run: list({ riskFactors: ['internetExposure'], riskLevels: ['High'] }) },
  { name: 'storage, high severity', prompt: 'High severity recommendations on storage accounts', run: list({ severities: ['High'], resourceTypes: ['microsoft.storage/storageaccounts'] }) },
  // The planner reads "high or critical" as risk levels where the data has them (the demo tenant does).
  { name: 'count high+critical risk', prompt: 'How many high or critical recommendations are open?', run: count({ riskLevels: ['High', 'Critical'] }) },
  { name: 'text: encryption', prompt: 'Recommendations about encryption', run: list({ recommendationText: 'encrypt' }) },
  { name: 'by resource type', prompt: 'Break down open recommendations by resource type', run: group({}, 'resourceType') },
  { name: 'high severity by due date', prompt: 'List high severity recommendations sorted by due date', run: list({ severities: ['High'] }, 'dueDate') },
]);

/** What an engine-only query reads from the data to pick its parameter (an owner, a CVE), and the data's clock. */
export interface QueryContext {
  engine: PostureEngine;
  viewer: Viewer;
  /** The export's own time: due-date ranges are judged from it, as governance state is. */
  now: number;
}

export interface EngineQuery {
  name: string;
  /** Parameters read from the data once, before timing (undefined: the data has nothing to ask about). */
  prepare(context: QueryContext): ((engine: PostureEngine, viewer: Viewer) => number) | undefined;
}

const DAY_MS = 86_400_000;
const firstOf = (values: readonly string[]) => values[0];
const withValue = (value: string | undefined, make: (value: string) => (engine: PostureEngine, viewer: Viewer) => number) => (value === undefined ? undefined : make(value));
const GROUPINGS: readonly GroupBy[] = ['riskLevel', 'subscription', 'owner', 'category', 'cloud', 'recommendation', 'governance', 'riskFactor'];

/**
 * Queries timed on the engine only, per query (the list: owner, governance state, due-date range, CVE,
 * resource group, name search and every grouping): their parameters come from the data, so no fixed prompt fits.
 */
const engineQueries: EngineQuery[] = [
  { name: 'owner', prepare: ({ engine, viewer }) => withValue(firstOf(engine.vocabulary(viewer, 'owner')), (owner) => list({ owners: [owner] })) },
  { name: 'governance: unassigned', prepare: () => list({ governance: ['unassigned'] }) },
  { name: 'governance: on time', prepare: () => list({ governance: ['onTime'] }) },
  { name: 'count overdue', prepare: () => count({ governance: ['overdue'] }) },
  { name: 'due in the next 7 days', prepare: ({ now }) => list({ dueFrom: Math.floor(now / DAY_MS) * DAY_MS, dueBefore: Math.floor(now / DAY_MS) * DAY_MS + 7 * DAY_MS }, 'dueDate') },
  { name: 'CVE', prepare: ({ engine, viewer }) => withValue(engine.vulnerabilities(viewer, { filter: UNHEALTHY, limit: 1 }).items[0]?.cveId, (cve) => list({ cves: [cve] })) },
  { name: 'resource group', prepare: ({ engine, viewer }) => withValue(firstOf(engine.vocabulary(viewer, 'resourceGroup')), (group) => list({ resourceGroups: [group] })) },
  { name: 'resource name search', prepare: () => list({ resourceText: 'prod' }) },
  ...GROUPINGS.map((by) => ({ name: `by ${by}`, prepare: () => group({}, by) })),
];
export const ENGINE_QUERIES: readonly EngineQuery[] = Object.freeze(engineQueries);
