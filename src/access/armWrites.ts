// Changes in Azure (apply a fix, write a governance assignment) through Resource Manager, as one identity: the
// requesting user's own ARM token (on-behalf-of, from Teams SSO) so Azure RBAC decides, or the bot's identity when
// the operator allows it (AZURE_WRITES_AS_BOT=true). A 403 becomes a plain sentence naming the role needed; the
// token is sent only in the Authorization header and never logged, kept or echoed.
import { createHash } from 'node:crypto';
import type { TokenCredential } from '@azure/identity';
import { AppError } from '../errors/appError';
import type { Viewer } from '../posture/viewer';
import { ARM_PUBLIC } from './armScope';

export type WriteIdentity = 'user' | 'bot';

export interface ArmWrite {
  method: 'PUT' | 'PATCH' | 'DELETE';
  /** A Resource Manager URL or path with its api-version ("/subscriptions/…?api-version=…"). */
  url: string;
  body?: unknown;
  /** The role the caller needs, for the 403 sentence: "Security Admin on subscription …". */
  needs: string;
}

/** A read a write depends on (which policy assignment to exempt), with the same identity as the write. */
export interface ArmRead {
  method: 'GET' | 'POST';
  url: string;
  body?: unknown;
  /** The role the caller needs, for the 403 sentence. */
  needs: string;
}

export interface ArmWrites {
  readonly identity: WriteIdentity;
  /** One line for the confirmation card: whose rights the change runs with. */
  actsAs(viewer: Viewer): string;
  write(viewer: Viewer, request: ArmWrite): Promise<void>;
  /** The JSON answer of a read made as the same identity (refusals are explained as for writes). */
  read(viewer: Viewer, request: ArmRead): Promise<unknown>;
}

export interface ArmWritesOptions {
  identity: WriteIdentity;
  /** The bot's own credential (identity 'bot'). */
  botCredential?: TokenCredential;
  /** Resource Manager endpoint (a sovereign cloud, or a loopback fake in tests). */
  baseUrl?: string;
  /** The bot's token scope (a sovereign cloud's Resource Manager). */
  tokenScope?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const ARM_SCOPE = 'https://management.azure.com/.default';

export const GOVERNANCE_API = '2022-01-01-preview';

/** The same change twice writes the same assignment: its key is derived from the assessment id. */
export function governanceAssignmentKey(assessmentId: string): string {
  const hex = createHash('sha256').update(assessmentId.toLowerCase()).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface GovernanceFields {
  owner: string;
  /** Epoch milliseconds. */
  dueDate: number;
  isGracePeriod: boolean;
  ticketNumber?: string;
  /** The owner's own estimate (Epoch milliseconds) and why (the governance assignment's remediationEta). */
  eta?: { date: number; justification: string };
}

/** PUT {assessmentId}/governanceAssignments/{key} (Defender, 2022-01-01-preview), body as the public example has it. */
export function governanceAssignmentWrite(assessmentId: string, fields: GovernanceFields, where: string): ArmWrite {
  const ticket = fields.ticketNumber !== undefined && /^\d{1,15}$/.test(fields.ticketNumber) ? { additionalData: { ticketNumber: Number(fields.ticketNumber) } } : {};
  return {
    method: 'PUT',
    url: `${assessmentId.replace(/\/+$/, '')}/governanceAssignments/${governanceAssignmentKey(assessmentId)}?api-version=${GOVERNANCE_API}`,
    body: {
      properties: {
        owner: fields.owner,
        remediationDueDate: new Date(fields.dueDate).toISOString(),
        isGracePeriod: fields.isGracePeriod,
        governanceEmailNotification: { disableManagerEmailNotification: true, disableOwnerEmailNotification: true },
        ...ticket,
        ...(fields.eta ? { remediationEta: { eta: new Date(fields.eta.date).toISOString(), justification: fields.eta.justification } } : {}),
      },
    },
    needs: `Security Admin (or Owner) on ${where}`,
  };
}

function pathOf(url: string): string {
  if (url.startsWith('/')) return url;
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

export function createArmWrites(options: ArmWritesOptions): ArmWrites {
  const base = (options.baseUrl ?? ARM_PUBLIC).replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (options.identity === 'bot' && !options.botCredential) throw new Error('writes as the bot need the bot credential');

  async function tokenFor(viewer: Viewer): Promise<string> {
    if (options.identity === 'bot') {
      const token = await options.botCredential!.getToken(options.tokenScope ?? ARM_SCOPE).catch(() => null);
      if (!token?.token) throw new AppError('AUTH_UNAVAILABLE', 'The bot could not get its own Azure token, so nothing was changed.');
      return token.token;
    }
    if (!viewer.armToken) throw new AppError('AZURE_WRITE_REFUSED', 'This change runs with your own Azure rights, and you are not signed in to Azure in this chat. Send a question first to sign in, then press the button again. Nothing was changed.');
    try {
      return await viewer.armToken();
    } catch {
      throw new AppError('AUTH_UNAVAILABLE', 'Your Azure sign-in could not be used just now (consent may be needed again), so nothing was changed. Send a question to sign in again.');
    }
  }

  async function send(viewer: Viewer, request: ArmWrite | ArmRead): Promise<Response> {
    const token = await tokenFor(viewer);
    const path = pathOf(request.url);
    const response = await doFetch(`${base}${path}`, {
      method: request.method,
      headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(request.body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      signal: AbortSignal.timeout(timeoutMs),
    }).catch((cause: unknown) => {
      throw new AppError('AZURE_WRITE_FAILED', 'Azure Resource Manager could not be reached, so nothing was changed. Try again in a minute.', { cause: cause instanceof Error ? cause.name : 'unknown' });
    });
    if (response.ok) return response;
    // Only the status and the path go to the log (through the error's details): never the token or the body.
    const details = { status: response.status, path: path.split('?')[0] ?? path };
    const who = options.identity === 'bot' ? "the bot's identity" : 'your account';
    if (response.status === 401 || response.status === 403) {
      // The user's roles changed (or were never there): their cached scope is dropped, so the next answer reads it again.
      if (options.identity === 'user') viewer.forgetAccess?.();
      throw new AppError('AZURE_WRITE_REFUSED', `Azure refused this change (${response.status}): ${who} needs ${request.needs}. Nothing was changed and nothing was recorded.`, { details });
    }
    throw new AppError('AZURE_WRITE_FAILED', `Azure did not accept this change (${response.status}), so nothing was recorded. Try again later, or run the script yourself.`, { details });
  }

  return {
    identity: options.identity,
    actsAs: (viewer) =>
      options.identity === 'bot'
        ? "The bot's own Azure identity (the operator set AZURE_WRITES_AS_BOT=true), not your account."
        : `Your own Azure account${viewer.displayName ? ` (${viewer.displayName})` : ''}: Azure checks your roles.`,
    write: async (viewer, request) => {
      await send(viewer, request);
    },
    read: async (viewer, request) => {
      const response = await send(viewer, request);
      return response.json().catch(() => {
        throw new AppError('AZURE_WRITE_FAILED', 'Azure Resource Manager answered with something that is not JSON, so nothing was changed.');
      });
    },
  };
}
