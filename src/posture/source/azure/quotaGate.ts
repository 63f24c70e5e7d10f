// Resource Graph throttles per user (about 15 queries per 5 seconds) and says how much is left on every answer:
// x-ms-user-quota-remaining and x-ms-user-quota-resets-after (hh:mm:ss). The gate holds the next request back
// until the window resets once nothing is left, so a long read spends its quota evenly instead of running into 429s.
// It is a pipeline policy placed per retry: the SDK's own retry policy stays the only retry layer, and a 429 that
// names only the quota reset (no Retry-After) is given a retry-after-ms so that policy waits exactly that long.
import type { ResourceGraphClientOptionalParams } from '@azure/arm-resourcegraph';

/** @azure/core-rest-pipeline's PipelinePolicy, as the Resource Graph client's options take it. */
type PipelinePolicy = NonNullable<ResourceGraphClientOptionalParams['additionalPolicies']>[number]['policy'];
type PipelineResponse = Awaited<ReturnType<PipelinePolicy['sendRequest']>>;
/** What the pipeline hands a policy as its abort signal. */
type SignalLike = { readonly aborted: boolean; addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void; removeEventListener(type: 'abort', listener: () => void): void };

export const QUOTA_REMAINING = 'x-ms-user-quota-remaining';
export const QUOTA_RESETS_AFTER = 'x-ms-user-quota-resets-after';

export interface QuotaGate {
  /** Waits until the quota allows another request (at once when it does). */
  wait(signal?: SignalLike): Promise<void>;
  /** Reads the quota headers of one response. */
  note(headers: { get(name: string): string | undefined }): void;
  /** How long the gate has held requests back in all (for the report and the bench). */
  waitedMs(): number;
  policy(): PipelinePolicy;
}

/** "00:00:05", "00:00:00.250" or a number of seconds; undefined when it is neither. */
export function parseResetsAfter(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = text.trim();
  const clock = /^(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/.exec(value);
  if (clock) return Math.round((Number(clock[1]) * 3600 + Number(clock[2]) * 60 + Number(clock[3])) * 1000);
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  return undefined;
}

const RETRY_AFTER_HEADERS = ['retry-after', 'retry-after-ms', 'x-ms-retry-after-ms'];

export function createQuotaGate(options: { now?: () => number; maxWaitMs?: number } = {}): QuotaGate {
  const now = options.now ?? Date.now;
  // A malformed reset time must not park the bot for hours.
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  let blockedUntil = 0;
  let waited = 0;

  const note: QuotaGate['note'] = (headers) => {
    const remaining = Number(headers.get(QUOTA_REMAINING));
    const resetsAfter = parseResetsAfter(headers.get(QUOTA_RESETS_AFTER));
    if (Number.isFinite(remaining) && remaining <= 0 && resetsAfter !== undefined) {
      blockedUntil = Math.max(blockedUntil, now() + Math.min(resetsAfter, maxWaitMs));
    }
  };

  const wait: QuotaGate['wait'] = async (signal) => {
    const delay = blockedUntil - now();
    if (delay <= 0) return;
    waited += delay;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(done, delay);
      function done(): void {
        signal?.removeEventListener('abort', aborted);
        resolve();
      }
      function aborted(): void {
        clearTimeout(timer);
        reject((signal as { reason?: unknown } | undefined)?.reason ?? new Error('aborted'));
      }
      if (signal?.aborted) return aborted();
      signal?.addEventListener('abort', aborted, { once: true });
    });
  };

  const withRetryAfter = (response: PipelineResponse): PipelineResponse => {
    if (response.status !== 429 || RETRY_AFTER_HEADERS.some((name) => response.headers.get(name) !== undefined)) return response;
    const resetsAfter = parseResetsAfter(response.headers.get(QUOTA_RESETS_AFTER));
    if (resetsAfter !== undefined) response.headers.set('retry-after-ms', String(Math.min(resetsAfter, maxWaitMs)));
    return response;
  };

  return {
    wait,
    note,
    waitedMs: () => waited,
    policy: () => ({
      name: 'resourceGraphQuotaGate',
      async sendRequest(request, next) {
        await wait(request.abortSignal);
        const response = await next(request);
        note(response.headers);
        return withRetryAfter(response);
      },
    }),
  };
}
