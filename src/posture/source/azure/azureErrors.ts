// What went wrong talking to Resource Graph, in words safe to log and show: the status, the service's error code and
// message, never the request (a RestError carries the request and its Authorization header; pino would log it).
import { MalformedPageError, PageTimeoutError } from './resourceGraphPages';

export interface AzureProblem {
  /** 401/403: the identity may not read this scope (the rest may still load). */
  permission: boolean;
  message: string;
}

function serviceError(error: unknown): { code?: string; message?: string } {
  const details = (error as { details?: unknown }).details;
  const inner = details && typeof details === 'object' ? ((details as { error?: unknown }).error ?? details) : undefined;
  if (!inner || typeof inner !== 'object') return {};
  const { code, message } = inner as { code?: unknown; message?: unknown };
  return { ...(typeof code === 'string' ? { code } : {}), ...(typeof message === 'string' ? { message: message.slice(0, 300) } : {}) };
}

/** @azure/arm-resourcegraph's isRestError, loaded when an error is described (only the live Azure source has any). */
function isRestError(error: unknown): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('@azure/arm-resourcegraph') as typeof import('@azure/arm-resourcegraph')).isRestError(error as Error);
}

export function describeAzureError(error: unknown): AzureProblem {
  if (error instanceof MalformedPageError) return { permission: false, message: `Resource Graph returned a malformed page (${error.message})` };
  if (error instanceof PageTimeoutError) return { permission: false, message: `Resource Graph did not answer in time (${error.message})` };
  if (isRestError(error)) {
    const rest = error as { statusCode?: number; code?: string };
    const status = rest.statusCode;
    const service = serviceError(error);
    const what = [service.code, service.message].filter(Boolean).join(': ');
    if (status === 401 || status === 403) return { permission: true, message: `not allowed (HTTP ${status}${what ? `, ${what}` : ''})` };
    if (status === undefined) return { permission: false, message: `Resource Graph is unreachable (${rest.code ?? 'network error'})` };
    return { permission: false, message: `Resource Graph answered HTTP ${status}${what ? ` (${what})` : ''}` };
  }
  const name = (error as { name?: unknown })?.name;
  // Credential failures (no az login, no managed identity) name themselves; their messages hold no secrets.
  if (name === 'CredentialUnavailableError' || name === 'AuthenticationError' || name === 'AggregateAuthenticationError') {
    return { permission: false, message: `no Azure credential could sign in (${name}: ${String((error as Error).message).split('\n')[0]?.slice(0, 300)})` };
  }
  if (name === 'AbortError') return { permission: false, message: 'the Resource Graph request was cancelled' };
  return { permission: false, message: `reading Resource Graph failed (${error instanceof Error ? error.message.slice(0, 300) : String(error).slice(0, 300)})` };
}
