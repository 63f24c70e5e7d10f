// OpenTelemetry traces, off unless an OTLP/HTTP endpoint is set, with the standard variable names:
// OTEL_EXPORTER_OTLP_TRACES_ENDPOINT (the traces URL as is) or OTEL_EXPORTER_OTLP_ENDPOINT (the collector's base URL,
// /v1/traces added), OTEL_EXPORTER_OTLP_HEADERS (key=value,... e.g. an API key) and OTEL_SERVICE_NAME.
import { z } from 'zod';
import { defineFeature, optionalText } from './feature';

export interface TelemetryConfig {
  telemetry: {
    /** Unset: no tracing, and no OpenTelemetry package is loaded. */
    tracesUrl?: string;
    serviceName: string;
    headers?: Record<string, string>;
  };
}

const httpUrl = optionalText.transform((v, ctx) => {
  if (v === undefined) return undefined;
  try {
    const url = new URL(v);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url;
  } catch {
    // reported below
  }
  ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be an http or https URL (got "${v.slice(0, 60)}")` });
  return z.NEVER;
});

const headerList = optionalText.transform((v, ctx) => {
  if (v === undefined) return undefined;
  const headers: Record<string, string> = {};
  for (const part of v.split(',').map((s) => s.trim()).filter((s) => s.length > 0)) {
    const at = part.indexOf('=');
    const name = at > 0 ? part.slice(0, at).trim() : '';
    if (!/^[A-Za-z0-9-]{1,100}$/.test(name)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be name=value pairs separated by commas' });
      return z.NEVER;
    }
    try {
      headers[name] = decodeURIComponent(part.slice(at + 1).trim());
    } catch {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `the value of ${name} is not valid percent-encoding` });
      return z.NEVER;
    }
  }
  return headers;
});

export const telemetryFeature = defineFeature<TelemetryConfig>({
  name: 'telemetry',
  schema: () =>
    z
      .object({
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: httpUrl,
        OTEL_EXPORTER_OTLP_ENDPOINT: httpUrl,
        OTEL_EXPORTER_OTLP_HEADERS: headerList,
        OTEL_SERVICE_NAME: optionalText.pipe(z.string().max(100).optional()),
      })
      .transform((e) => {
        const base = e.OTEL_EXPORTER_OTLP_ENDPOINT;
        const tracesUrl = e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.href ?? (base ? new URL(`${base.pathname.replace(/\/$/, '')}/v1/traces`, base).href : undefined);
        return {
          telemetry: {
            ...(tracesUrl ? { tracesUrl } : {}),
            serviceName: e.OTEL_SERVICE_NAME ?? 'posture-bot',
            ...(e.OTEL_EXPORTER_OTLP_HEADERS ? { headers: e.OTEL_EXPORTER_OTLP_HEADERS } : {}),
          },
        };
      }),
});
