// Groups recommendations by what they ask for, from their names. Each theme carries the secure score control it
// counts towards and our own short description and remediation text (the catalog holds no prose).

export interface Theme {
  id: string;
  /** Secure score control: id and name as Defender publishes them; max score is the control's usual weight. */
  control: { id: string; displayName: string; max: number };
  description: (target: string) => string;
  remediation: string;
  /** Where a fix is quick, Defender usually marks the effort Low; used only when the catalog has no value. */
  effort: 'Low' | 'Moderate' | 'High';
}

const control = (id: string, displayName: string, max: number) => ({ id, displayName, max });
const MFA = control('34a42fb3-e6db-409c-b56b-7b1db6b8aee0', 'Enable MFA', 10);
// The next two ids are not in the published examples we hold: made up for the demo, names as Defender shows them.
const MGMT_PORTS = control('1f1b2bbb-7d36-4c4b-8c4f-6a0d7a1e9c21', 'Secure management ports', 8);
const UPDATES = control('61702b76-1fab-41f2-bcbc-50b7870dcf38', 'Apply system updates', 6);
const VULNS = control('7c2e4c6a-3b0e-4d5f-9a61-2f0b8e6d4a17', 'Remediate vulnerabilities', 6);
const IN_TRANSIT = control('0e55495e-034f-4abc-8293-767229250176', 'Encrypt data in transit', 4);
const NETWORK = control('f9d5432b-8f7b-45e9-b90c-e214a30f6a02', 'Restrict unauthorized network access', 4);
const AT_REST = control('8fd574ec-43cf-426e-a439-a67cbaf2d564', 'Enable encryption at rest', 4);
const ACCESS = control('2d85f639-0bea-4a4a-b6c6-608952a1414a', 'Manage access and permissions', 4);
const CONFIG = control('99fc8df2-e0f5-40f8-9415-a7f7ca948b5a', 'Remediate security configurations', 4);
const ENDPOINT = control('12136bd9-dc24-44f2-9587-7be3af6aac14', 'Enable endpoint protection', 2);
const DDOS = control('a9909064-42b4-4d34-8143-275477afe18b', 'Protect applications against DDoS attacks', 2);
const LOGGING = control('27b24961-75ba-4fe4-8909-97286d5dd5ee', 'Enable auditing and logging', 1);
const PLANS = control('4db8d6cf-075b-4149-a813-da09ca2ae120', 'Enable Advanced Threat Protection', 0);
const BEST = control('76763537-9feb-42d3-b4f4-78c01117be80', 'Implement security best practices', 0);

interface Rule extends Theme { match: RegExp }

const RULES: readonly Rule[] = [
  { id: 'mfa', match: /\bMFA\b/, control: MFA, effort: 'Moderate',
    description: (t) => `Accounts that can act on the ${t} sign in with a password alone; a leaked password is enough to get in.`,
    remediation: 'Require multifactor authentication for these accounts with a Conditional Access policy, then confirm each account has registered a second factor.' },
  { id: 'mgmtPorts', match: /management ports|just-in-time/i, control: MGMT_PORTS, effort: 'Low',
    description: (t) => `Remote administration ports (SSH, RDP) on the ${t} are open longer or wider than needed, which invites brute-force attempts.`,
    remediation: 'Close the management ports in the network security group, or enable just-in-time access so they open only on approved request.' },
  { id: 'vulnerabilities', match: /vulnerab/i, control: VULNS, effort: 'Moderate',
    description: (t) => `Scans of the ${t} found known vulnerabilities, or no scanner is watching it; either way flaws may go unpatched.`,
    remediation: 'Review the findings, patch or upgrade the affected packages and images, and make sure a vulnerability scanner covers the resource.' },
  { id: 'plans', match: /Microsoft Defender for|advanced threat protection/i, control: PLANS, effort: 'Low',
    description: (t) => `A Defender plan that would watch the ${t} for active threats is switched off.`,
    remediation: 'Turn on the named Defender plan for the subscription (Environment settings, Defender plans), then check its cost estimate.' },
  { id: 'updates', match: /updates|restarted|upgraded|OS version|updated to the latest/i, control: UPDATES, effort: 'Low',
    description: (t) => `The ${t} runs software with missing updates or an outdated runtime, so publicly known fixes are not in place.`,
    remediation: 'Install the pending updates or move to the supported runtime version, restart where needed, and schedule regular patching.' },
  { id: 'inTransit', match: /HTTPS|SSL|TLS|Secure transfer|FTPS|between nodes|certificate/i, control: IN_TRANSIT, effort: 'Low',
    description: (t) => `Traffic to the ${t} can travel unencrypted or over an old protocol version and could be read or altered on the way.`,
    remediation: 'Require HTTPS/TLS 1.2 or newer for all connections and turn off plain-text endpoints such as FTP.' },
  { id: 'atRest', match: /encrypt|customer-managed|Transparent Data/i, control: AT_REST, effort: 'Moderate',
    description: (t) => `Data stored by the ${t} is not encrypted the way the policy asks, so a stolen disk or backup would be readable.`,
    remediation: 'Enable encryption at rest; where the policy asks for it, use a customer-managed key held in a key vault.' },
  { id: 'network', match: /network|private link|Private endpoint|firewall|public|IP forwarding|Authorized IP|CORS|VPC|hardening|ports/i, control: NETWORK, effort: 'Moderate',
    description: (t) => `The ${t} accepts connections from more networks than it needs, giving attackers a way to reach it directly.`,
    remediation: 'Turn off public access, or limit it with firewall rules, private endpoints or virtual network rules that allow only known sources.' },
  { id: 'access', match: /owner|accounts|identity|Role-Based|Active Directory|shared key|Client Certificates|Service principals|Pod Security/i, control: ACCESS, effort: 'Moderate',
    description: (t) => `Access to the ${t} relies on broad, shared or outdated credentials and permissions.`,
    remediation: 'Remove accounts that no longer need access, prefer managed identities and Microsoft Entra ID sign-in, and grant the least role that works.' },
  { id: 'endpoint', match: /endpoint protection|Exploit Guard/i, control: ENDPOINT, effort: 'Low',
    description: (t) => `The ${t} has no working anti-malware protection, so malicious code would run unnoticed.`,
    remediation: 'Install or repair the endpoint protection agent (Defender for Endpoint) and confirm it reports healthy.' },
  { id: 'ddos', match: /DDoS|WAF|Web Application Firewall/i, control: DDOS, effort: 'Moderate',
    description: (t) => `The ${t} is not shielded from floods of traffic or common web attacks.`,
    remediation: 'Put the endpoint behind a web application firewall and enable DDoS protection for the virtual network.' },
  { id: 'logging', match: /Diagnostic logs|Audit|logging|Network Watcher|snapshots|backup|backtracking|notification|contact email|X-Ray/i, control: LOGGING, effort: 'Low',
    description: (t) => `The ${t} keeps too little history (logs, audit trail or backups) to investigate or recover from an incident.`,
    remediation: 'Send diagnostic and audit logs to a Log Analytics workspace with at least 90 days of retention, and enable backups where offered.' },
  { id: 'config', match: /Remote debugging|configuration|whitelisting|adaptive application/i, control: CONFIG, effort: 'Low',
    description: (t) => `The ${t} has a setting that weakens its security baseline.`,
    remediation: 'Change the setting to the secure value named in the recommendation and add it to your deployment templates so it stays fixed.' },
];

const DEFAULT: Theme = {
  id: 'bestPractice', control: BEST, effort: 'Low',
  description: (t) => `The ${t} departs from a recommended security practice.`,
  remediation: 'Follow the recommendation to bring the resource back to the recommended configuration.',
};

const cache = new Map<string, Theme>();

export function themeFor(displayName: string): Theme {
  const cached = cache.get(displayName);
  if (cached) return cached;
  const found = RULES.find((rule) => rule.match.test(displayName)) ?? DEFAULT;
  cache.set(displayName, found);
  return found;
}

export const ALL_CONTROLS = [MFA, MGMT_PORTS, UPDATES, VULNS, IN_TRANSIT, NETWORK, AT_REST, ACCESS, CONFIG, ENDPOINT, DDOS, LOGGING, PLANS, BEST];
