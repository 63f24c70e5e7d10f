// Subscription-level identity checks, security contacts and Defender plans.
import type { KeyEntry } from '../model';
import { PAGES } from './pages';

const checked = [PAGES.identity];
const SUBSCRIPTION = ['subscription', 'identity', 'rbac', 'permissions'];

function mfa(key: string, permission: 'owner' | 'write' | 'read'): KeyEntry {
  const reach = { owner: 'full control of every resource, including access management', write: 'the power to change or delete resources', read: 'visibility of the whole environment and its configuration' }[permission];
  return {
    key,
    description: `Checks that every account with ${permission} permissions on the subscription signs in with multifactor authentication (MFA).`,
    whyItMatters: `A password alone is easily phished, sprayed or reused from a breach; an account with ${permission} permissions gives an attacker ${reach}.`,
    steps: [
      'Open the recommendation to see which accounts lack MFA.',
      'Require MFA for them with a Microsoft Entra Conditional Access policy (or security defaults for small tenants).',
      'Prefer phishing-resistant methods (FIDO2 keys, Windows Hello, certificate-based) for privileged roles.',
    ],
    subjects: [...SUBSCRIPTION, 'mfa', 'multifactor', 'authentication', permission, 'conditional access'],
    checkedAgainst: checked,
  };
}

function external(key: string, permission: 'owner' | 'write' | 'read'): KeyEntry {
  return {
    key,
    description: `Checks for accounts from outside your Microsoft Entra tenant (other domains or personal accounts) holding ${permission} permissions on the subscription.`,
    whyItMatters: 'Your organisation does not control how external accounts are protected (their MFA, password policy or offboarding), so each one is an unmonitored way into the subscription.',
    steps: [
      'Review the listed accounts with the subscription owner and confirm who still needs access.',
      `Remove the ${permission} role assignments that are no longer needed.`,
      'Invite partners who still need access as B2B guests under your Conditional Access policies, with the narrowest role and an expiry (Entra access reviews).',
    ],
    subjects: [...SUBSCRIPTION, 'external accounts', 'guest', 'third party', permission, 'access review'],
    checkedAgainst: checked,
  };
}

function defenderPlan(key: string, plan: string, words: string[], protects: string): KeyEntry {
  return {
    key,
    description: `Checks that the Microsoft Defender for ${plan} plan is turned on for the subscription.`,
    whyItMatters: `Without the plan, ${protects} get no threat detection: attacks in progress raise no security alert.`,
    steps: [
      'Open Defender for Cloud > Environment settings and select the subscription.',
      `Turn on the ${plan} plan (it is billed per protected resource; check the pricing first).`,
      'Make sure alerts reach the security team (security contacts, workflow automation or a SIEM).',
    ],
    subjects: ['defender', 'defender plan', 'threat protection', 'subscription', ...words],
    checkedAgainst: checked,
  };
}

export const IDENTITY_ENTRIES: KeyEntry[] = [
  mfa('94290b00-4d0c-d7b4-7cea-064a9554e681', 'owner'),
  mfa('57e98606-6b1e-6193-0e3d-fe621387c16b', 'write'),
  mfa('151e82c5-5341-a74b-1eb0-bc38d2c84bb5', 'read'),
  external('c3b6ae71-f1f0-31b4-e6c1-d5951285d03d', 'owner'),
  external('04e7147b-0deb-9796-2e5c-0336343ceb3d', 'write'),
  external('a8c6a4ad-d51e-88fe-2979-d3ee3c864f8b', 'read'),
  {
    key: '6f90a6d6-d4d6-0794-0ec1-98fa77878c2e',
    description: 'Checks that the subscription has at most three accounts with the Owner role.',
    whyItMatters: 'Every Owner can change anything, including who has access; the more owners, the more accounts whose compromise hands over the whole subscription.',
    steps: [
      'List Owner role assignments on the subscription, including those inherited from management groups.',
      'Keep two or three named owners; move others to Contributor or narrower roles.',
      'Use Privileged Identity Management so owner rights are activated only when needed.',
    ],
    subjects: [...SUBSCRIPTION, 'owner', 'owners', 'least privilege', 'privileged access'],
    checkedAgainst: checked,
  },
  {
    key: '2c79b4af-f830-b61e-92b9-63dfa30f16e4',
    description: 'Checks that the subscription has more than one account with the Owner role.',
    whyItMatters: 'With a single owner, losing that account (departure, lockout, compromise) leaves nobody able to manage access to the subscription.',
    steps: [
      'Choose a second trusted administrator (a named person, not a shared account).',
      'Assign them the Owner role on the subscription, ideally as an eligible assignment in Privileged Identity Management.',
    ],
    subjects: [...SUBSCRIPTION, 'owner', 'owners', 'break glass', 'resilience'],
    checkedAgainst: checked,
  },
  {
    key: '77758c9d-8a56-5f54-6ff7-69a762ca6004',
    description: 'Checks that the subscription has a security contact email address in Defender for Cloud, so Microsoft can notify someone about security incidents.',
    whyItMatters: 'If Microsoft detects that a resource is compromised, the notification goes nowhere without a contact, and the response is delayed.',
    steps: [
      'Open Defender for Cloud > Environment settings > the subscription > Email notifications.',
      'Enter a monitored address, ideally a security team mailbox or distribution list.',
    ],
    subjects: ['subscription', 'security contact', 'email', 'notifications', 'incident response'],
    checkedAgainst: checked,
  },
  {
    key: '3869fbd7-5d90-84e4-37bd-d9a7f4ce9a24',
    description: 'Checks that Defender for Cloud sends email notifications for high-severity alerts on the subscription.',
    whyItMatters: 'High-severity alerts usually mean an attack in progress; if nobody is told, the attacker has time to spread.',
    steps: [
      'Open Defender for Cloud > Environment settings > the subscription > Email notifications.',
      'Set "Notify about alerts with the following severity" to High (or lower) and name the recipients.',
    ],
    subjects: ['subscription', 'alerts', 'email', 'notifications', 'high severity', 'security contact'],
    checkedAgainst: checked,
  },
  defenderPlan('56a6e81f-7413-4f72-9a1b-aaeeaa87c872', 'Servers', ['servers', 'virtual machines', 'vm', 'machines'], 'virtual machines and Arc-connected servers'),
  defenderPlan('1be22853-8ed1-4005-9907-ddad64cb1417', 'Storage', ['storage', 'storage account', 'malware scanning'], 'storage accounts (unusual access, data exfiltration, malware uploads)'),
  defenderPlan('0876ef51-fee7-449d-ba1e-f2662c7e43c6', 'App Service', ['app service', 'web app', 'function app'], 'App Service apps'),
  defenderPlan('58d72d9d-0310-4792-9a3b-6dd111093cdb', 'Azure SQL Databases', ['sql', 'azure sql', 'database'], 'Azure SQL databases (SQL injection, anomalous logins, exfiltration)'),
  defenderPlan('b1af52e4-e968-4e2b-b6d0-6736c9651f0a', 'Key Vault', ['key vault', 'keyvault', 'secrets'], 'key vaults (unusual access to secrets and keys)'),
  defenderPlan('e599a9fe-30e3-47c6-a173-8b4b6d9d3255', 'Containers', ['containers', 'kubernetes', 'aks', 'registry'], 'Kubernetes clusters and container registries'),
];
