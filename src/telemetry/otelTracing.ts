// The OpenTelemetry side of src/telemetry/tracing.ts, imported only when tracing is on: a tracer provider exporting
// over OTLP/HTTP (JSON) in batches, with async-hooks context so spans started inside a turn are its children.
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { errorType, type SpanKindName, type Tracing, type TracingSettings } from './tracing';

const KINDS: Record<SpanKindName, SpanKind> = { server: SpanKind.SERVER, client: SpanKind.CLIENT, internal: SpanKind.INTERNAL };

export function createOtelTracing(settings: TracingSettings & { tracesUrl: string }): Tracing {
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  const exporter = new OTLPTraceExporter({ url: settings.tracesUrl, ...(settings.headers ? { headers: settings.headers } : {}) });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': settings.serviceName, ...(settings.serviceVersion ? { 'service.version': settings.serviceVersion } : {}) }),
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: 1000 })],
  });
  const tracer = provider.getTracer('posture-bot');
  return {
    enabled: true,
    span: (name, options, work) =>
      tracer.startActiveSpan(name, { kind: KINDS[options.kind ?? 'internal'], ...(options.attributes ? { attributes: options.attributes } : {}) }, async (span) => {
        try {
          return await work({ set: (attributes) => void span.setAttributes(attributes) });
        } catch (error) {
          span.setAttribute('error.type', errorType(error));
          span.setStatus({ code: SpanStatusCode.ERROR });
          throw error;
        } finally {
          span.end();
        }
      }),
    async shutdown() {
      // A collector that is down at shutdown loses the last spans; it does not fail the shutdown.
      await provider.shutdown().catch(() => undefined);
      context.disable();
      trace.disable();
    },
  };
}
