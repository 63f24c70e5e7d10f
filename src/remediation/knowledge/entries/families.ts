// Builders for families of recommendations that say the same thing about different services (private link,
// public network access, customer-managed keys, diagnostic logs, Microsoft Entra admins, geo-redundant backup).
// Each call still yields its own entry for its own key, with the service named in the text.
import type { KeyEntry } from '../model';

interface Service {
  /** 'PostgreSQL server' */
  label: string;
  /** Extra subject words for the service: ['postgresql', 'postgres', 'database']. */
  words: string[];
  checkedAgainst: string[];
}

export function privateEndpointEntry(key: string, service: Service, dnsZone: string): KeyEntry {
  return {
    key,
    description: `Checks that the ${service.label} has a private endpoint connection, so clients reach it through a private IP address in your virtual network (Azure Private Link).`,
    whyItMatters: `A private endpoint keeps traffic to the ${service.label} off the public internet and lets you close its public endpoint, which protects against data exfiltration and brute-force attempts from outside.`,
    steps: [
      `Create a private endpoint for the ${service.label} in the subnet its clients use.`,
      `Link the private DNS zone ${dnsZone} to the client virtual networks so the usual host name resolves to the private address.`,
      'Approve the private endpoint connection if it is pending, and test the clients.',
      'Then disable public network access so the private endpoint is the only way in.',
    ],
    subjects: [...service.words, 'private link', 'private endpoint', 'network isolation', 'dns'],
    checkedAgainst: service.checkedAgainst,
  };
}

export function publicNetworkEntry(key: string, service: Service, fix?: string): KeyEntry {
  return {
    key,
    description: `Checks that public network access is disabled on the ${service.label}, so it can be reached only through private endpoints.`,
    whyItMatters: `While the public endpoint is open, the ${service.label} can be probed and attacked from anywhere on the internet, and firewall rules are the only barrier; with it closed, stolen credentials alone are not enough.`,
    steps: [
      `Make sure every client of the ${service.label} can reach it through a private endpoint (and that private DNS resolves).`,
      'Remove public firewall rules that are no longer needed.',
      'Set public network access to Disabled.',
    ],
    subjects: [...service.words, 'public network access', 'public endpoint', 'internet exposure', 'private endpoint'],
    ...(fix ? { fix } : {}),
    checkedAgainst: service.checkedAgainst,
  };
}

export function customerManagedKeyEntry(key: string, service: Service): KeyEntry {
  return {
    key,
    description: `Checks whether the ${service.label} encrypts its data at rest with a customer-managed key held in Azure Key Vault. Defender marks it "Enable if required": it matters only where a policy or regulation asks for your own keys.`,
    whyItMatters: `The data is already encrypted with a Microsoft-managed key. A customer-managed key gives you control of the key itself: rotation on your schedule, an audit trail of its use, and the ability to revoke it so the ${service.label}'s data can no longer be read.`,
    steps: [
      'Confirm your compliance rules require customer-managed keys here; if not, exempt the resource with a reason.',
      'Create a key in Key Vault or Managed HSM with soft delete and purge protection turned on.',
      `Give the ${service.label} a managed identity with permission to wrap and unwrap with that key.`,
      `Configure the ${service.label} to use the key for encryption at rest (some services only allow this when the resource is created).`,
    ],
    subjects: [...service.words, 'customer-managed key', 'cmk', 'encryption at rest', 'key vault', 'byok'],
    checkedAgainst: service.checkedAgainst,
  };
}

export function diagnosticLogsEntry(key: string, service: Service): KeyEntry {
  return {
    key,
    description: `Checks that resource logs of the ${service.label} are sent somewhere and kept: a diagnostic setting to a Log Analytics workspace, a storage account or an event hub.`,
    whyItMatters: `Without resource logs there is no record of who did what on the ${service.label}; after an incident you cannot reconstruct the activity or prove what data was touched.`,
    steps: [
      `Open Diagnostic settings on the ${service.label} and add a setting.`,
      'Select the log categories (or the audit / allLogs category group) and send them to a Log Analytics workspace, a storage account or an event hub.',
      'Keep them as long as your investigation and compliance needs require.',
      'At scale, assign the built-in "Deploy diagnostic settings" policy instead of configuring each resource.',
    ],
    subjects: [...service.words, 'diagnostic logs', 'diagnostic settings', 'resource logs', 'logging', 'audit', 'log analytics'],
    checkedAgainst: service.checkedAgainst,
  };
}

export function entraAdminEntry(key: string, service: Service): KeyEntry {
  return {
    key,
    description: `Checks that a Microsoft Entra ID (formerly Azure Active Directory) administrator is set on the ${service.label}, so database sign-ins can use Entra identities.`,
    whyItMatters: 'Entra authentication replaces shared database passwords with central identities: multifactor authentication, conditional access, managed identities for applications, and one place to revoke a leaver\'s access.',
    steps: [
      'Create (or choose) a Microsoft Entra group that will administer the server, rather than a single user.',
      `Set that group as the Microsoft Entra admin of the ${service.label}.`,
      'Create database users for applications (managed identities) and people from Entra, then retire the password-based logins they replace.',
    ],
    subjects: [...service.words, 'entra id', 'azure ad', 'aad', 'administrator', 'authentication', 'identity'],
    checkedAgainst: service.checkedAgainst,
  };
}

export function geoBackupEntry(key: string, service: Service): KeyEntry {
  return {
    key,
    description: `Checks that the ${service.label} stores its backups geo-redundantly, in the paired region as well as the primary one.`,
    whyItMatters: 'If the whole primary region is unavailable, only a geo-redundant backup lets you restore the server elsewhere (geo-restore); locally redundant backups would be lost with the region.',
    steps: [
      'Geo-redundant backup storage can only be chosen when the server is created.',
      'Create a new server with geo-redundant backup (or restore a backup into one) and move clients to it.',
      'Delete the old server once the new one is verified.',
    ],
    subjects: [...service.words, 'backup', 'geo-redundant', 'disaster recovery', 'geo-restore', 'resilience'],
    checkedAgainst: service.checkedAgainst,
  };
}
