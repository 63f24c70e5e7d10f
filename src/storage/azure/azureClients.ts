// Table and Blob clients for one storage account: from a connection string (Azurite, or keys), or from the account
// name and a token credential (DefaultAzureCredential; managed identity in Azure), endpoints per sovereign cloud.
import { TableClient } from '@azure/data-tables';
import type { TokenCredential } from '@azure/identity';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import type { AzureCloudName } from '../../config/features/postureSource';

export const STORAGE_ENDPOINT_SUFFIX: Record<AzureCloudName, string> = {
  AzurePublicCloud: 'core.windows.net',
  AzureUSGovernment: 'core.usgovcloudapi.net',
  AzureChinaCloud: 'core.chinacloudapi.cn',
};

export type AzureStorageAccess = { connectionString: string } | { account: string; cloud: AzureCloudName; credential: TokenCredential };

export interface AzureStorageClients {
  table(name: string): TableClient;
  container(name: string): ContainerClient;
}

export function azureStorageClients(access: AzureStorageAccess): AzureStorageClients {
  if ('connectionString' in access) {
    const { connectionString } = access;
    // Azurite speaks plain http on loopback; a real account's connection string names https endpoints.
    const allowInsecureConnection = /TableEndpoint=http:/i.test(connectionString);
    const blobService = BlobServiceClient.fromConnectionString(connectionString);
    return {
      table: (name) => TableClient.fromConnectionString(connectionString, name, { allowInsecureConnection }),
      container: (name) => blobService.getContainerClient(name),
    };
  }
  const suffix = STORAGE_ENDPOINT_SUFFIX[access.cloud];
  const blobService = new BlobServiceClient(`https://${access.account}.blob.${suffix}`, access.credential);
  return {
    table: (name) => new TableClient(`https://${access.account}.table.${suffix}`, name, access.credential),
    container: (name) => blobService.getContainerClient(name),
  };
}
