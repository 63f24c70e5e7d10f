// An Azure SDK pipeline policy (the shape @azure/core-rest-pipeline takes in additionalPolicies) that makes every HTTP
// request a client span: method, host and status code; no path or query (they carry resource ids and queries).
import { errorType, type Tracing } from './tracing';

interface PipelineRequestLike {
  method: string;
  url: string;
}
interface PipelineResponseLike {
  status: number;
}
export interface HttpSpanPolicy {
  name: string;
  sendRequest<Q extends PipelineRequestLike, R extends PipelineResponseLike>(request: Q, next: (request: Q) => Promise<R>): Promise<R>;
}

export function httpSpanPolicy(tracing: Tracing, service: string): HttpSpanPolicy {
  return {
    name: 'postureBotHttpSpans',
    sendRequest: (request, next) =>
      tracing.span(`${service} ${request.method}`, { kind: 'client', attributes: { 'http.request.method': request.method, 'server.address': new URL(request.url).host } }, async (scope) => {
        try {
          const response = await next(request);
          scope.set({ 'http.response.status_code': response.status });
          return response;
        } catch (error) {
          const status = (error as { statusCode?: unknown }).statusCode;
          if (typeof status === 'number') scope.set({ 'http.response.status_code': status });
          scope.set({ 'error.type': errorType(error) });
          throw error;
        }
      }),
  };
}
