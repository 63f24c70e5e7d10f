// Key Vault.
import type { KeyEntry } from '../model';
import { diagnosticLogsEntry, privateEndpointEntry } from './families';
import { PAGES } from './pages';

const checked = [PAGES.identity, PAGES.keyVault];
const VAULT = { label: 'key vault', words: ['key vault', 'keyvault', 'vault', 'secrets'], checkedAgainst: checked };

function expiry(key: string, what: 'keys' | 'secrets'): KeyEntry {
  return {
    key,
    description: `Checks that every ${what === 'keys' ? 'cryptographic key' : 'secret'} in the key vault has an expiration date set.`,
    whyItMatters: `${what === 'keys' ? 'Keys' : 'Secrets'} without an expiry can stay in use for years; if one leaks, it remains valid indefinitely. An expiry forces rotation and limits how long a leak is useful.`,
    steps: [
      `List the ${what} without an expiration date in the vault.`,
      `Set an expiration date on each, matching your rotation policy${what === 'keys' ? ' (or configure a key rotation policy with automatic rotation)' : ''}.`,
      'Subscribe to Key Vault "near expiry" events (Event Grid) so owners rotate in time.',
    ],
    subjects: [...VAULT.words, what === 'keys' ? 'keys' : 'secret', 'expiration', 'expiry', 'rotation'],
    checkedAgainst: checked,
  };
}

export const KEY_VAULT_ENTRIES: KeyEntry[] = [
  {
    key: '4ed62ae4-5072-f9e7-8d94-51c76c48159a',
    description: 'Checks that purge protection is on for the key vault: deleted vaults and objects then cannot be permanently purged until the retention period (7-90 days) has passed.',
    whyItMatters: 'Without it, an insider or an attacker with enough rights can delete and immediately purge keys, destroying every piece of data encrypted with them.',
    steps: [
      'Confirm soft delete is on (it is mandatory for new vaults).',
      'Turn on purge protection; note that it cannot be turned off afterwards.',
    ],
    subjects: [...VAULT.words, 'purge protection', 'soft delete', 'deletion', 'recovery'],
    fix: 'keyVault.purgeProtection',
    checkedAgainst: checked,
  },
  {
    key: '52f7826a-ace7-3107-dd0d-4875853c1576',
    description: 'Checks that the key vault firewall is on: the vault denies network access by default and admits only chosen IP ranges, virtual networks or private endpoints.',
    whyItMatters: 'An open vault can be called from anywhere; with the firewall on, stolen credentials are not enough without network access too.',
    steps: [
      'List the networks that must reach the vault (application subnets, build agents, admins).',
      'Add them as virtual network or IP rules, and keep "Allow trusted Microsoft services" if services such as Azure Backup or App Service certificates need the vault.',
      'Set the default action to Deny.',
    ],
    subjects: [...VAULT.words, 'firewall', 'network access', 'network rules', 'default action'],
    fix: 'keyVault.denyByDefault',
    checkedAgainst: checked,
  },
  privateEndpointEntry('2e96bc2f-1972-e471-9e70-ae58d41e9d2a', VAULT, 'privatelink.vaultcore.azure.net'),
  diagnosticLogsEntry('88bbc99c-e5af-ddd7-6105-6150b2bfa519', VAULT),
  expiry('1aabfa0d-7585-f9f5-1d92-ecb40291d9f2', 'keys'),
  expiry('14257785-9437-97fa-11ae-898cfb24302b', 'secrets'),
  {
    key: 'fc84abc0-eee6-4758-8372-a7681965ca44',
    description: 'Checks that certificates stored in the key vault are issued with a validity period of at most 12 months.',
    whyItMatters: 'Short-lived certificates limit how long a stolen private key can be abused and keep renewal a routine, automated task.',
    steps: [
      'Set the validity period in the certificate issuance policies to 12 months or less.',
      'Turn on automatic renewal (lifetime action) so certificates are renewed before they expire.',
      'Replace existing long-lived certificates at their next renewal.',
    ],
    subjects: [...VAULT.words, 'certificate', 'validity', 'expiry', 'renewal'],
    checkedAgainst: checked,
  },
];
