// The snapshot store contract on Azure Blob storage (Azurite).
import { azureStorageClients } from '../../../src/storage/azure/azureClients';
import { createAzureSnapshotStore } from '../../../src/storage/azure/azureSnapshotStore';
import { runSnapshotStoreContract } from '../../posture/snapshotStore.contract';
import { startAzurite, type Azurite } from '../../support/azurite';

jest.setTimeout(60_000);
let azurite: Azurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => azurite?.stop());

runSnapshotStoreContract('Azure Blob storage on Azurite', async () => {
  const name = azurite.uniqueName();
  const container = () => azureStorageClients({ connectionString: azurite.connectionString }).container(name);
  return { store: createAzureSnapshotStore(container()), another: () => createAzureSnapshotStore(container()), cleanup: async () => void (await container().deleteIfExists()) };
});
