// Optional OpenTelemetry traces (off by default). Code that wants a span calls tracing().span(...): while tracing is
// off that is the work itself, and no OpenTelemetry package is loaded (startTracing imports them only when an OTLP
// endpoint is set). Spans carry what the bot did, never what users typed or tenant data: activity types, action
// names, outcomes and error codes, record collection names, HTTP methods, hosts and status codes.
import type { Logger } from '../logging/logger';

export type SpanAttributes = Record<string, string | number | boolean>;

export interface SpanScope {
  /** Adds attributes to the span (what was learnt while it ran: the action chosen, the outcome). */
  set(attributes: SpanAttributes): void;
}

export type SpanKindName = 'server' | 'client' | 'internal';

export interface Tracing {
  readonly enabled: boolean;
  /** Runs work inside a span (a child of the span running now); a throw marks the span failed with its error code. */
  span<T>(name: string, options: { kind?: SpanKindName; attributes?: SpanAttributes }, work: (scope: SpanScope) => Promise<T>): Promise<T>;
  /** Sends the spans still buffered, then stops. */
  shutdown(): Promise<void>;
}

export interface TracingSettings {
  /** OTLP/HTTP traces URL (…/v1/traces); unset: no tracing. */
  tracesUrl?: string;
  serviceName: string;
  serviceVersion?: string;
  /** OTLP headers (OTEL_EXPORTER_OTLP_HEADERS), e.g. an API key for the collector. */
  headers?: Record<string, string>;
}

const IGNORE: SpanScope = { set: () => undefined };

export const NO_TRACING: Tracing = {
  enabled: false,
  span: (_name, _options, work) => work(IGNORE),
  shutdown: async () => undefined,
};

let current: Tracing = NO_TRACING;

/** The tracing the process runs with (NO_TRACING until startTracing set one up). */
export const tracing = (): Tracing => current;

/** Sets up tracing when a traces URL is set (loading OpenTelemetry then), and makes it the process's. */
export async function startTracing(settings: TracingSettings, logger: Logger): Promise<Tracing> {
  if (!settings.tracesUrl) return (current = NO_TRACING);
  // Loaded here, not at the top: without an endpoint no OpenTelemetry module is ever required.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createOtelTracing } = require('./otelTracing') as typeof import('./otelTracing');
  current = createOtelTracing({ ...settings, tracesUrl: settings.tracesUrl });
  logger.info({ tracesUrl: settings.tracesUrl, serviceName: settings.serviceName }, 'OpenTelemetry traces on');
  return current;
}

/** Back to no tracing after shutting the current one down (tests, process end). */
export async function stopTracing(): Promise<void> {
  const stopping = current;
  current = NO_TRACING;
  await stopping.shutdown();
}

/** The error code a span records for a failure: an AppError's code, else the error's class name. */
export function errorType(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[A-Z_]{2,40}$/.test(code)) return code;
  return error instanceof Error ? error.name.slice(0, 60) : 'unknown';
}
