// Everyday words for the services the rules cover ("fix the IaC findings for storage"), and which rules they mean.
import { IAC_RULES } from './rules/catalog';

export const IAC_TOPICS = ['storage', 'keyVault', 'sql', 'kubernetes', 'appService', 'network', 'virtualMachine', 'containerRegistry'] as const;
export type IacTopic = (typeof IAC_TOPICS)[number];

const PREFIX: Record<IacTopic, string> = {
  storage: 'storage-', keyVault: 'keyvault-', sql: 'sql-', kubernetes: 'aks-', appService: 'appservice-', network: 'nsg-', virtualMachine: 'vm-', containerRegistry: 'acr-',
};

/** Words (lower case, single tokens or two-word phrases) naming each topic. */
export const TOPIC_WORDS: Record<IacTopic, readonly string[]> = {
  storage: ['storage', 'blob', 'blobs', 'storage account', 'storage accounts'],
  keyVault: ['keyvault', 'keyvaults', 'vault', 'vaults', 'key vault', 'key vaults'],
  sql: ['sql', 'database', 'databases'],
  kubernetes: ['aks', 'kubernetes', 'cluster', 'clusters', 'k8s'],
  appService: ['webapp', 'webapps', 'app service', 'web app', 'web apps', 'app services'],
  network: ['nsg', 'nsgs', 'network', 'networking', 'ssh', 'rdp', 'firewall', 'ports'],
  virtualMachine: ['vm', 'vms', 'virtual machine', 'virtual machines', 'disk', 'disks'],
  containerRegistry: ['acr', 'registry', 'registries', 'container registry'],
};

export const rulesOfTopic = (topic: IacTopic): string[] => IAC_RULES.filter((r) => r.id.startsWith(PREFIX[topic])).map((r) => r.id);

/** The topic a text names, if exactly one. */
export function topicOf(words: readonly string[]): IacTopic | undefined {
  const found = new Set<IacTopic>();
  for (let i = 0; i < words.length; i++) {
    for (const topic of IAC_TOPICS) {
      const one = words[i] ?? '';
      const two = `${one} ${words[i + 1] ?? ''}`;
      if (TOPIC_WORDS[topic].includes(two) || TOPIC_WORDS[topic].includes(one)) found.add(topic);
    }
  }
  return found.size === 1 ? [...found][0] : undefined;
}
