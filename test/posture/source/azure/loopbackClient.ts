// Source options that reach the loopback Resource Graph fake through the real SDK client (see
// bench/servers/loopbackAzure.ts): fast retries and a short page time limit, so failure tests stay quick.
import type { AzureSourceOptions } from '../../../../src/posture/source/azure/azureSource';
import { FAKE_TOKEN } from '../../../../bench/servers/fakeResourceGraph';
import { fakeCredential, loopbackHttpClient } from '../../../../bench/servers/loopbackAzure';

export { fakeCredential, loopbackHttpClient };
export const TEST_TOKEN = FAKE_TOKEN;

export function loopbackOptions(port: number, extra: Partial<AzureSourceOptions> = {}): Omit<AzureSourceOptions, 'scopes' | 'cloud'> {
  return {
    credential: fakeCredential(),
    client: { httpClient: loopbackHttpClient(port), retryOptions: { maxRetries: 3, retryDelayInMs: 5, maxRetryDelayInMs: 50 } },
    pageTimeoutMs: 2000,
    ...extra,
  };
}
