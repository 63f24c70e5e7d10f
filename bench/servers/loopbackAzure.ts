// Points the real Azure SDK client at a loopback fake: the client builds https://management.azure.com/... URLs and
// its bearer-token policy refuses plain http, so the injected httpClient sends each request to the fake over http
// instead, unchanged otherwise (method, path, query, headers, body). The credential hands out a fixed token and
// remembers the scopes it was asked for. Shared by the Azure source tests and the live-read bench.
import { createDefaultHttpClient, type HttpClient } from '@azure/core-rest-pipeline';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { FAKE_TOKEN } from './fakeResourceGraph';

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

export function fakeCredential(token = FAKE_TOKEN): TokenCredential & { scopes: string[][] } {
  const scopes: string[][] = [];
  return {
    scopes,
    async getToken(asked): Promise<AccessToken> {
      scopes.push(Array.isArray(asked) ? asked : [asked]);
      return { token, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
}
