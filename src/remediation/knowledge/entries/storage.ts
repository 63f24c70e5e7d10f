// Storage accounts.
import type { KeyEntry } from '../model';
import { PAGES } from './pages';

const checked = [PAGES.data, PAGES.storage];

export const STORAGE_ENTRIES: KeyEntry[] = [
  {
    key: '1c5de8e1-f68d-6a17-e0d2-ec259c42768c',
    description: 'Checks that the storage account only accepts requests over encrypted connections (the "secure transfer required" setting), so HTTP requests and unencrypted SMB mounts are refused.',
    whyItMatters: 'Without it, account keys, SAS tokens and the data itself can travel in clear text, where anyone on the network path can read or alter them.',
    steps: [
      'Find clients that still call the account over http:// or mount file shares with SMB 2.1 or unencrypted SMB 3.x, and switch them to HTTPS / encrypted SMB.',
      'Turn on "Secure transfer required" in the storage account configuration (property supportsHttpsTrafficOnly = true).',
      'Custom domains on blob endpoints need HTTPS through Azure Front Door or a CDN once this is on.',
    ],
    subjects: ['storage', 'storage account', 'secure transfer', 'https', 'encryption in transit', 'http', 'smb'],
    fix: 'storage.secureTransfer',
    checkedAgainst: checked,
  },
  {
    key: '51fd8bb1-0db4-bbf1-7e2b-cfcba7eb66a6',
    description: 'Checks that the storage account does not let containers be made publicly readable: anonymous (unauthenticated) read access to blobs must be disallowed at the account level.',
    whyItMatters: 'One container set to public exposes every blob in it to anyone with the URL; this is a classic source of large data leaks.',
    steps: [
      'List containers whose public access level is Blob or Container and confirm with owners that none must stay anonymous.',
      'Serve content that really must be public through a CDN or short-lived SAS tokens instead.',
      'Set "Allow Blob anonymous access" to Disabled on the account (allowBlobPublicAccess = false); this overrides every container setting.',
    ],
    subjects: ['storage', 'storage account', 'public access', 'anonymous access', 'blob', 'container', 'public blob'],
    fix: 'storage.disallowBlobPublicAccess',
    checkedAgainst: checked,
  },
  {
    key: '3b363842-30f5-4056-980d-3a40fa5de8b3',
    description: 'Checks that Shared Key authorization is turned off, so requests must be authorized with Microsoft Entra ID instead of the account access keys.',
    whyItMatters: 'An account key grants full control of all data in the account, never expires on its own, and leaks easily through connection strings; Entra ID gives per-identity, auditable, revocable access.',
    steps: [
      'Use the storage account\'s metrics (filter transactions by authentication type) to find applications still using Shared Key or account-SAS.',
      'Move those applications to Microsoft Entra ID (managed identities with data-plane roles such as Storage Blob Data Reader/Contributor) or user-delegation SAS.',
      'Set "Allow storage account key access" to Disabled (allowSharedKeyAccess = false).',
      'Rotate both account keys afterwards, since any copies in circulation are no longer needed.',
    ],
    subjects: ['storage', 'storage account', 'shared key', 'access key', 'account key', 'sas', 'entra id', 'authorization'],
    fix: 'storage.disallowSharedKey',
    checkedAgainst: checked,
  },
  {
    key: '45d313c3-3fca-5040-035f-d61928366d31',
    description: 'Checks the storage account firewall: the account should deny network access by default and allow only chosen IP ranges, virtual networks or private endpoints.',
    whyItMatters: 'With the default action set to Allow, the account endpoint answers from any network on the internet, so a leaked key or token can be used from anywhere.',
    steps: [
      'Decide which networks need the account: application subnets, on-premises IP ranges, trusted Azure services.',
      'Add those as virtual network rules, IP rules or private endpoints.',
      'Set the firewall default action to Deny (networkAcls.defaultAction = Deny) and keep "Allow trusted Microsoft services" if backups or diagnostics rely on it.',
    ],
    subjects: ['storage', 'storage account', 'firewall', 'network access', 'network rules', 'default action', 'public network'],
    fix: 'storage.denyByDefault',
    checkedAgainst: checked,
  },
  {
    key: 'ad4f3ff1-30eb-5042-16ed-27198f640b8d',
    description: 'Checks that the storage account restricts network access with virtual network rules rather than being reachable from every network or only by IP-based rules.',
    whyItMatters: 'Virtual network rules tie access to specific Azure subnets, which is tighter and easier to keep right than broad IP ranges or an open endpoint.',
    steps: [
      'Enable the Microsoft.Storage service endpoint on the subnets that host the account\'s clients.',
      'Add those subnets as virtual network rules on the storage account.',
      'Remove IP rules that are no longer needed and set the default action to Deny.',
    ],
    subjects: ['storage', 'storage account', 'virtual network', 'vnet', 'service endpoint', 'network rules', 'network access'],
    fix: 'storage.denyByDefault',
    checkedAgainst: checked,
  },
  {
    key: 'cdc78c07-02b0-4af0-1cb2-cb7c672a8b0a',
    description: 'Checks that the storage account is reached through Azure Private Link: a private endpoint gives it an address inside your virtual network.',
    whyItMatters: 'Traffic over a private endpoint stays on the Microsoft backbone and the account can then be closed to the public internet, which removes a whole class of data-exfiltration paths.',
    steps: [
      'Create a private endpoint for each storage sub-resource the applications use (blob, file, queue, table, dfs) in the right subnet.',
      'Link the matching privatelink DNS zones (for example privatelink.blob.core.windows.net) to the virtual networks so names resolve to the private address.',
      'Test the applications, then disable public network access on the account.',
    ],
    subjects: ['storage', 'storage account', 'private link', 'private endpoint', 'dns', 'network isolation'],
    checkedAgainst: checked,
  },
  {
    key: 'ca98bba7-719e-48ee-e193-0b76766cdb07',
    description: 'Checks whether the storage account encrypts data with a key you manage in Key Vault (customer-managed key) instead of a Microsoft-managed key. It applies only where your compliance rules require it.',
    whyItMatters: 'Data is always encrypted at rest; a customer-managed key adds control over the key\'s lifecycle: you can rotate it on your schedule or revoke it to make the data unreadable.',
    steps: [
      'Confirm a policy actually requires customer-managed keys for this data; otherwise exempt the resource.',
      'Create or choose a key in a Key Vault or Managed HSM with soft delete and purge protection on.',
      'Give the storage account a managed identity with the Key Vault Crypto Service Encryption User role (or get/wrapKey/unwrapKey permissions).',
      'Switch the account encryption to customer-managed keys and select the key, preferably without a version so rotation is automatic.',
    ],
    subjects: ['storage', 'storage account', 'customer-managed key', 'cmk', 'encryption at rest', 'key vault', 'byok'],
    checkedAgainst: checked,
  },
];
