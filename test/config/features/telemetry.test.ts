// OTEL_EXPORTER_OTLP_*: no traces by default; the base endpoint gets /v1/traces, the traces endpoint is used as is,
// headers are name=value pairs, and anything else is a clear problem.
import { telemetryFeature } from '../../../src/config/features/telemetry';

const context = { appEnv: 'local', production: false, cwd: '/srv/bot' };
const parse = (env: Record<string, string>) => telemetryFeature.schema(context).safeParse(env);
const problems = (env: Record<string, string>): string[] => {
  const result = parse(env);
  if (result.success) throw new Error('expected problems');
  return result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('telemetry config', () => {
  it('is off by default (an empty value counts as unset)', () => {
    expect(parse({}).data).toEqual({ telemetry: { serviceName: 'posture-bot' } });
    expect(parse({ OTEL_EXPORTER_OTLP_ENDPOINT: ' ' }).data).toEqual({ telemetry: { serviceName: 'posture-bot' } });
  });

  it('adds /v1/traces to the collector base URL; a traces URL wins as is', () => {
    expect(parse({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).data?.telemetry.tracesUrl).toBe('http://collector:4318/v1/traces');
    expect(parse({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.example.com/base/' }).data?.telemetry.tracesUrl).toBe('https://otel.example.com/base/v1/traces');
    expect(parse({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://b:4318/custom' }).data?.telemetry.tracesUrl).toBe('http://b:4318/custom');
  });

  it('reads headers and the service name', () => {
    expect(parse({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_EXPORTER_OTLP_HEADERS: 'api-key=abc%3D1, x-team=soc', OTEL_SERVICE_NAME: 'bot-eu' }).data?.telemetry).toEqual({
      tracesUrl: 'http://c:4318/v1/traces',
      serviceName: 'bot-eu',
      headers: { 'api-key': 'abc=1', 'x-team': 'soc' },
    });
  });

  it('says what is wrong', () => {
    expect(problems({ OTEL_EXPORTER_OTLP_ENDPOINT: 'grpc://collector:4317' })).toEqual(['OTEL_EXPORTER_OTLP_ENDPOINT: must be an http or https URL (got "grpc://collector:4317")']);
    expect(problems({ OTEL_EXPORTER_OTLP_HEADERS: 'api-key=%E0%A4%A' })).toEqual(['OTEL_EXPORTER_OTLP_HEADERS: the value of api-key is not valid percent-encoding']);
    expect(problems({ OTEL_EXPORTER_OTLP_HEADERS: 'no-equals-sign' })).toEqual(['OTEL_EXPORTER_OTLP_HEADERS: must be name=value pairs separated by commas']);
  });
});
