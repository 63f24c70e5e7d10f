// Individual-recommendation categories (properties.metadata.recommendationCategory): findings whose keys are
// generated per finding, so the knowledge is attached to the category.
import type { CategoryEntry } from '../model';
import { PAGES } from './pages';

const checked = [PAGES.individual];

export const CATEGORY_ENTRIES: CategoryEntry[] = [
  {
    category: 'SoftwareUpdate',
    description: 'One vulnerable software package on one resource (a VM, an EC2 or GCP instance, a container image or a code dependency), with the CVEs it carries, the versions detected and the version that fixes them.',
    whyItMatters: 'Known vulnerabilities with public exploits are the easiest way into a workload; the fixed version is usually already available.',
    steps: [
      'Read the fixed version and CVEs from the finding.',
      'Update the package to that version or later (package manager on machines; rebuild and redeploy for images; bump the dependency in code).',
      'If no fixed version exists yet, reduce exposure of the resource and watch the vendor advisory.',
      'The finding turns Healthy on the next scan after the update.',
    ],
    subjects: ['vulnerabilities', 'vulnerability', 'cve', 'software update', 'package', 'patch', 'fixed version', 'outdated software'],
    checkedAgainst: checked,
  },
  {
    category: 'SystemUpdate',
    description: 'Operating-system updates missing on a machine, as reported by the update assessment.',
    whyItMatters: 'Missing OS security updates leave known, often exploited weaknesses open.',
    steps: [
      'Run an update assessment in Azure Update Manager (or the cloud\'s equivalent) for the machine.',
      'Install the missing security and critical updates and restart if required.',
      'Schedule recurring patching with a maintenance configuration.',
    ],
    subjects: ['system updates', 'os updates', 'patches', 'patching', 'windows update', 'update manager'],
    checkedAgainst: checked,
  },
  {
    category: 'HostMisconfigurations',
    description: 'An operating-system setting on a machine that differs from the security baseline (for example a weak password or audit policy).',
    whyItMatters: 'Misconfigured hosts are easier to break into and to move from once an attacker is inside.',
    steps: [
      'Read the rule and the expected value from the finding.',
      'Apply the setting through Group Policy, Intune or configuration management, so it stays applied.',
      'Document and exempt intentional deviations.',
    ],
    subjects: ['misconfiguration', 'host configuration', 'baseline', 'hardening', 'os settings', 'security configuration'],
    checkedAgainst: checked,
  },
  {
    category: 'ExposedSecrets',
    description: 'A secret (password, access key, connection string, private key or token) found in clear text on a machine or in a code repository.',
    whyItMatters: 'Anyone who can read the file or the repository history can use the secret; attackers search for them specifically to move to other resources.',
    steps: [
      'Treat the secret as compromised: rotate or revoke it at its source first.',
      'Remove it from the file or code, and from the repository history if it was committed.',
      'Store secrets in a vault (Azure Key Vault) and reference them from code or use managed identities instead.',
      'Check the sign-in and access logs of what the secret protects for misuse.',
    ],
    subjects: ['secrets', 'exposed secrets', 'credentials', 'password', 'access key', 'token', 'connection string', 'leaked'],
    checkedAgainst: checked,
  },
  {
    category: 'ServiceUpgrade',
    description: 'A managed service component that needs an upgrade, such as the node image of an AKS node pool with vulnerable packages.',
    whyItMatters: 'The vulnerable components keep running until the service is upgraded, whatever is patched inside the workloads.',
    steps: [
      'Check the available node image or service version for the resource.',
      'Upgrade it (for AKS, az aks nodepool upgrade --node-image-only), respecting disruption budgets.',
      'Turn on the automatic node image upgrade channel.',
    ],
    subjects: ['service upgrade', 'node image', 'aks', 'kubernetes', 'upgrade', 'vulnerabilities'],
    checkedAgainst: checked,
  },
  {
    category: 'ApiVulnerabilities',
    description: 'A security weakness in an API endpoint discovered by Defender for APIs, such as an unauthenticated or externally exposed endpoint.',
    whyItMatters: 'APIs give direct access to data and operations; an exposed or unauthenticated endpoint can be abused without any user interface.',
    steps: [
      'Review the endpoint in Defender for APIs and confirm whether the exposure is intended.',
      'Require authentication (API Management policies, OAuth) and limit exposure to the networks that need it.',
      'Remove unused endpoints.',
    ],
    subjects: ['api', 'api security', 'endpoint', 'unauthenticated', 'api management'],
    checkedAgainst: checked,
  },
  {
    category: 'CodeVulnerabilities',
    description: 'A weakness in application source code found by code scanning (static analysis), such as injection or unsafe deserialization.',
    whyItMatters: 'Code flaws become exploitable vulnerabilities in every deployment of the application.',
    steps: [
      'Open the finding in the repository\'s code scanning results to see the file and line.',
      'Fix the code (validate input, use parameterised queries, safe APIs) and add a test.',
      'Keep code scanning in pull requests so new findings are caught before merge.',
    ],
    subjects: ['code', 'code scanning', 'sast', 'source code', 'devops', 'repository', 'code vulnerabilities'],
    checkedAgainst: checked,
  },
  {
    category: 'IacVulnerabilities',
    description: 'An infrastructure-as-code finding (Terraform, Bicep, ARM, CloudFormation, Kubernetes manifests) in a GitHub, Azure DevOps or GitLab repository: a resource defined with an insecure setting.',
    whyItMatters: 'The insecure setting is deployed every time the template runs, so fixing it in code prevents the misconfiguration across all environments.',
    steps: [
      'Open the finding to see the template file, the resource and the rule.',
      'Change the template to the secure value and redeploy.',
      'Run the IaC scan in pull requests so the issue does not return.',
    ],
    subjects: ['iac', 'infrastructure as code', 'terraform', 'bicep', 'arm template', 'devops', 'repository', 'templates'],
    checkedAgainst: checked,
  },
];
