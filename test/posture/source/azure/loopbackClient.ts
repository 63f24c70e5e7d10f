// Points the real Azure SDK client at a loopback fake: the client builds https://management.azure.com/... URLs and
// its bearer-token policy refuses plain http, so the injected httpClient sends each request to the fake over http
// instead, unchanged otherwise (method, path, query, headers, body). The credential hands out a fixed token and
// remembers the scopes it was asked for.
import { createDefaultHttpClient, type HttpClient } from '@azure/core-rest-pipeline';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import type { AzureSourceOptions } from '../../../../src/posture/source/azure/azureSource';

export const TEST_TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.test-secret-token-value';

export function loopbackHttpClient(port: number): HttpClient & { hosts: string[] } {
  const inner = createDefaultHttpClient();
  const hosts: string[] = [];
  return {
    hosts,
    sendRequest(request) {
      const url = new URL(request.url);
      hosts.push(url.origin);
      url.protocol = 'http:';
      url.host = `127.0.0.1:${port}`;
      request.url = url.toString();
      // Only this last hop is plain http (to the loopback fake); every policy before it saw the https URL.
      request.allowInsecureConnection = true;
      return inner.sendRequest(request);
    },
  };
}

export function fakeCredential(token = TEST_TOKEN): TokenCredential & { scopes: string[][] } {
  const scopes: string[][] = [];
  return {
    scopes,
    async getToken(asked): Promise<AccessToken> {
      scopes.push(Array.isArray(asked) ? asked : [asked]);
      return { token, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
}

/** Source options that reach the fake on `port` quickly: fast retries, short page timeout. */
export function loopbackOptions(port: number, extra: Partial<AzureSourceOptions> = {}): Omit<AzureSourceOptions, 'scopes' | 'cloud'> {
  return {
    credential: fakeCredential(),
    client: { httpClient: loopbackHttpClient(port), retryOptions: { maxRetries: 3, retryDelayInMs: 5, maxRetryDelayInMs: 50 } },
    pageTimeoutMs: 2000,
    ...extra,
  };
}
