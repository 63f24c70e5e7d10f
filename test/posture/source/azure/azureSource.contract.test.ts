// The source contract suite the export source passes, run against the live Azure source reading a loopback fake of
// Resource Graph through the real @azure/arm-resourcegraph client, with pages of 2 rows so every table spans pages.
// The queries ask only for the row types the normaliser reads, so the row of another type never arrives.
import { createAzurePostureSource } from '../../../../src/posture/source/azure/azureSource';
import { SUB } from '../../load/rowFixtures';
import { runPostureSourceContract } from '../postureSource.contract';
import { startFakeResourceGraph, type FakeResourceGraph } from '../../../../bench/servers/fakeResourceGraph';
import { loopbackOptions } from './loopbackClient';

const fakes: FakeResourceGraph[] = [];
afterAll(async () => {
  await Promise.all(fakes.map((fake) => fake.close()));
});

runPostureSourceContract('azure resource graph (subscription scope, 2-row pages)', async (rows) => {
  const fake = await startFakeResourceGraph({ rows });
  fakes.push(fake);
  return createAzurePostureSource({ scopes: [{ kind: 'subscription', subscriptionId: SUB }], cloud: 'AzurePublicCloud', ...loopbackOptions(fake.port, { pageRows: 2 }) });
}, { selectsTypes: true });

runPostureSourceContract('azure resource graph (tenant scope)', async (rows) => {
  const fake = await startFakeResourceGraph({ rows });
  fakes.push(fake);
  return createAzurePostureSource({ scopes: [{ kind: 'tenant' }], cloud: 'AzurePublicCloud', ...loopbackOptions(fake.port) });
}, { selectsTypes: true });
