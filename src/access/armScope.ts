// Resolves what a user may read in Azure from their own Resource Manager token, with the public ARM APIs:
// GET /subscriptions (every subscription the user can see), then per subscription the caller's permissions
// (Microsoft.Authorization/permissions) to tell a whole-subscription role from roles on resource groups only, and for
// the latter GET /subscriptions/{id}/resourcegroups (ARM lists only the groups the caller may read).
import type { AccessScope } from '../posture/viewer';

export const ARM_PUBLIC = 'https://management.azure.com';
const SUBSCRIPTIONS_API = '2022-12-01';
const PERMISSIONS_API = '2022-04-01';
const GROUPS_API = '2021-04-01';
/** The action a posture answer reads: Defender assessments. */
const READ_ACTION = 'Microsoft.Security/assessments/read';
const MAX_PAGES = 50;
const PARALLEL = 8;

export class ArmAccessError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ArmAccessError';
  }
}

export interface ArmScopeOptions {
  /** Resource Manager endpoint (a sovereign cloud, or a loopback fake in tests). */
  baseUrl?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export type ArmScopeReader = (armToken: string) => Promise<AccessScope>;

export function createArmScopeReader(options: ArmScopeOptions = {}): ArmScopeReader {
  const base = (options.baseUrl ?? ARM_PUBLIC).replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function pages<T>(token: string, firstUrl: string): Promise<T[]> {
    const out: T[] = [];
    let url: string | undefined = firstUrl;
    for (let page = 0; url && page < MAX_PAGES; page++) {
      const response = await doFetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
      // Never echo the body's text or the token: only the status and the path say what failed.
      if (!response.ok) throw new ArmAccessError(response.status, `Resource Manager answered ${response.status} for ${new URL(url).pathname}`);
      const body = (await response.json()) as { value?: T[]; nextLink?: string };
      out.push(...(Array.isArray(body.value) ? body.value : []));
      url = typeof body.nextLink === 'string' && sameOrigin(body.nextLink, base) ? body.nextLink : undefined;
    }
    return out;
  }

  return async (token) => {
    const subscriptions = await pages<{ subscriptionId?: string; state?: string }>(token, `${base}/subscriptions?api-version=${SUBSCRIPTIONS_API}`);
    const ids = subscriptions.filter((s) => typeof s.subscriptionId === 'string' && s.state !== 'Disabled').map((s) => s.subscriptionId as string);
    const whole: string[] = [];
    const groups: string[] = [];
    await inBatches(ids, PARALLEL, async (id) => {
      const sub = encodeURIComponent(id);
      const permissions = await pages<Permission>(token, `${base}/subscriptions/${sub}/providers/Microsoft.Authorization/permissions?api-version=${PERMISSIONS_API}`);
      if (grants(permissions, READ_ACTION)) {
        whole.push(id);
        return;
      }
      const readable = await pages<{ name?: string }>(token, `${base}/subscriptions/${sub}/resourcegroups?api-version=${GROUPS_API}`);
      for (const group of readable) if (typeof group.name === 'string' && group.name) groups.push(`${id}/${group.name}`);
    });
    return { subscriptions: whole.sort(), ...(groups.length ? { resourceGroups: groups.sort() } : {}) };
  };
}

interface Permission {
  actions?: string[];
  notActions?: string[];
}

/** Whether any permission entry allows `action` (ARM wildcards, case-insensitive) without excluding it. */
export function grants(permissions: readonly Permission[], action: string): boolean {
  return permissions.some((p) => (p.actions ?? []).some((a) => matches(a, action)) && !(p.notActions ?? []).some((a) => matches(a, action)));
}

function matches(pattern: string, action: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map(escapeRegex).join('.*')}$`, 'i');
  return regex.test(action);
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function sameOrigin(url: string, base: string): boolean {
  try {
    return new URL(url).origin === new URL(base).origin;
  } catch {
    return false;
  }
}

async function inBatches<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}
