// Where posture data comes from (POSTURE_SOURCE) and, for the live Azure source, what it reads (AZURE_SCOPE), in which
// cloud (AZURE_CLOUD), and how often it reads again (POSTURE_REFRESH_MINUTES; only changes, with a full read every
// POSTURE_FULL_REFRESH_HOURS; governance assignments every POSTURE_GOVERNANCE_REFRESH_MINUTES). The export path itself is
// POSTURE_SNAPSHOT (./posture.ts).
import { z } from 'zod';
import { defineFeature, optionalText, positiveInteger } from './feature';

export const POSTURE_SOURCES = ['demo', 'export', 'azure'] as const;
export type PostureSourceKind = (typeof POSTURE_SOURCES)[number];

export const AZURE_CLOUDS = ['AzurePublicCloud', 'AzureUSGovernment', 'AzureChinaCloud'] as const;
export type AzureCloudName = (typeof AZURE_CLOUDS)[number];

/** One entry of AZURE_SCOPE: what Resource Graph is asked about. */
export type AzureScope = { kind: 'subscription'; subscriptionId: string } | { kind: 'managementGroup'; managementGroupId: string } | { kind: 'tenant' };

export interface AzureSourceConfig {
  scopes: AzureScope[];
  cloud: AzureCloudName;
  /** Refreshes in between read only what changed; a full read (which also drops deleted rows) at most this far apart. 24 h by default. */
  fullRefreshMs?: number;
  /** Refreshes read governance assignments (owners, due dates) again at most this often; the kept ones stay in between. 60 min by default. */
  governanceRefreshMs?: number;
}

export interface PostureSourceConfig {
  postureSource: PostureSourceKind;
  /** Set when postureSource is 'azure'. */
  azure?: AzureSourceConfig;
  /** Between two reads of a live source. */
  postureRefreshMs: number;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Management group ids: up to 90 letters, digits, '-', '_', '(', ')' and '.' (Azure's own rule).
const MANAGEMENT_GROUP_ID = /^[\w().-]{1,90}$/;
const SUBSCRIPTION = /^\/subscriptions\/([^/]+)\/?$/i;
const MANAGEMENT_GROUP = /^\/providers\/Microsoft\.Management\/managementGroups\/([^/]+)\/?$/i;

/** Parses one AZURE_SCOPE entry, or says what is wrong with it. */
export function parseAzureScope(text: string): AzureScope | string {
  const entry = text.trim();
  if (entry.toLowerCase() === 'tenant') return { kind: 'tenant' };
  const subscription = SUBSCRIPTION.exec(entry);
  if (subscription) {
    const id = subscription[1] ?? '';
    return GUID.test(id) ? { kind: 'subscription', subscriptionId: id.toLowerCase() } : `"${entry.slice(0, 80)}": a subscription id is a GUID`;
  }
  const group = MANAGEMENT_GROUP.exec(entry);
  if (group) {
    const id = group[1] ?? '';
    return MANAGEMENT_GROUP_ID.test(id) ? { kind: 'managementGroup', managementGroupId: id } : `"${entry.slice(0, 80)}": not a valid management group id`;
  }
  return `"${entry.slice(0, 80)}" is not /subscriptions/<id>, /providers/Microsoft.Management/managementGroups/<id> or tenant`;
}

const scopeList = optionalText.transform((value, ctx): AzureScope[] | undefined => {
  if (value === undefined) return undefined;
  const scopes: AzureScope[] = [];
  for (const entry of value.split(',').filter((part) => part.trim() !== '')) {
    const parsed = parseAzureScope(entry);
    if (typeof parsed === 'string') ctx.addIssue({ code: z.ZodIssueCode.custom, message: parsed });
    else scopes.push(parsed);
  }
  if (scopes.some((scope) => scope.kind === 'tenant') && scopes.length > 1) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'tenant already covers every subscription: give it alone' });
  }
  return scopes;
});

/** AZURE_CLOUD: read by the posture source and by Azure storage (endpoints per cloud). */
export const azureCloudText = optionalText.pipe(z.enum(AZURE_CLOUDS, { message: `must be one of ${AZURE_CLOUDS.join(', ')}` }).default('AzurePublicCloud'));

export const postureSourceFeature = defineFeature<PostureSourceConfig>({
  name: 'postureSource',
  schema: () =>
    z
      .object({
        POSTURE_SOURCE: optionalText.pipe(z.enum(POSTURE_SOURCES, { message: `must be one of ${POSTURE_SOURCES.join(', ')}` }).optional()),
        POSTURE_SNAPSHOT: optionalText,
        AZURE_SCOPE: scopeList,
        AZURE_CLOUD: azureCloudText,
        POSTURE_REFRESH_MINUTES: positiveInteger(15, 7 * 24 * 60),
        POSTURE_FULL_REFRESH_HOURS: positiveInteger(24, 30 * 24),
        POSTURE_GOVERNANCE_REFRESH_MINUTES: positiveInteger(60, 24 * 60),
      })
      .superRefine((e, ctx) => {
        if (e.POSTURE_SOURCE === 'export' && !e.POSTURE_SNAPSHOT) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['POSTURE_SNAPSHOT'], message: 'POSTURE_SOURCE=export needs POSTURE_SNAPSHOT (a file or folder of Resource Graph rows)' });
        }
        if (e.POSTURE_SOURCE === 'azure' && (e.AZURE_SCOPE === undefined || e.AZURE_SCOPE.length === 0)) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['AZURE_SCOPE'], message: 'POSTURE_SOURCE=azure needs AZURE_SCOPE (/subscriptions/<id>, a management group, or tenant)' });
        }
      })
      .transform((e): PostureSourceConfig => {
        const postureSource: PostureSourceKind = e.POSTURE_SOURCE ?? (e.POSTURE_SNAPSHOT ? 'export' : 'demo');
        return {
          postureSource,
          ...(postureSource === 'azure' ? { azure: { scopes: e.AZURE_SCOPE ?? [], cloud: e.AZURE_CLOUD, fullRefreshMs: e.POSTURE_FULL_REFRESH_HOURS * 3_600_000, governanceRefreshMs: e.POSTURE_GOVERNANCE_REFRESH_MINUTES * 60_000 } } : {}),
          postureRefreshMs: e.POSTURE_REFRESH_MINUTES * 60_000,
        };
      }),
});
