// The endpoints of each Azure cloud the live source can read: where Resource Manager (and so Resource Graph) is,
// which token audience it accepts, and where Entra ID signs in. @azure/arm-resourcegraph 5.0.0 picks the endpoint
// from its cloudSetting but still asks for a public-cloud token, so both are set from here.
import type { AzureCloudName } from '../../../config/features/postureSource';

export interface AzureCloudEndpoints {
  resourceManager: string;
  /** The scope a token for Resource Manager is requested with. */
  tokenScope: string;
  authorityHost: string;
}

export const AZURE_CLOUD_ENDPOINTS: Readonly<Record<AzureCloudName, AzureCloudEndpoints>> = {
  AzurePublicCloud: {
    resourceManager: 'https://management.azure.com',
    tokenScope: 'https://management.azure.com/.default',
    authorityHost: 'https://login.microsoftonline.com',
  },
  AzureUSGovernment: {
    resourceManager: 'https://management.usgovcloudapi.net',
    tokenScope: 'https://management.usgovcloudapi.net/.default',
    authorityHost: 'https://login.microsoftonline.us',
  },
  AzureChinaCloud: {
    resourceManager: 'https://management.chinacloudapi.cn',
    tokenScope: 'https://management.chinacloudapi.cn/.default',
    authorityHost: 'https://login.chinacloudapi.cn',
  },
};
