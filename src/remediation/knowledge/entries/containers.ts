// AKS clusters and container registries.
import type { KeyEntry } from '../model';
import { diagnosticLogsEntry, privateEndpointEntry } from './families';
import { PAGES } from './pages';

const checked = [PAGES.containers];
const AKS = ['aks', 'kubernetes', 'cluster', 'k8s'];
const ACR = ['container registry', 'acr', 'registry', 'images'];

export const CONTAINER_ENTRIES: KeyEntry[] = [
  {
    key: '22e18b64-4576-41e6-8972-0eb28c9af0c8',
    description: 'Checks that the AKS cluster runs a Kubernetes version without known vulnerabilities.',
    whyItMatters: 'Vulnerable Kubernetes versions have published exploits (for example privilege escalation from a pod to the node), and unsupported versions stop getting fixes.',
    steps: [
      'List the available upgrades for the cluster (az aks get-upgrades).',
      'Upgrade the control plane and then the node pools to a supported, patched version, one minor version at a time.',
      'Turn on an automatic upgrade channel (patch or stable) to stay current.',
    ],
    subjects: [...AKS, 'kubernetes version', 'upgrade', 'vulnerable version', 'patch'],
    checkedAgainst: checked,
  },
  {
    key: '1a2b5b4c-f80d-46e7-ac81-b51a9fb363de',
    description: 'Checks that the AKS API server accepts connections only from authorized IP ranges (or is a private cluster).',
    whyItMatters: 'A public API server open to any IP can be attacked with stolen credentials or exploited vulnerabilities from anywhere.',
    steps: [
      'Collect the IP ranges that need the API server: admins, CI/CD agents, the cluster\'s own egress IP.',
      'Set them as authorized IP ranges on the cluster (apiServerAccessProfile.authorizedIPRanges).',
      'For stricter isolation, use a private cluster or API server VNet integration.',
    ],
    subjects: [...AKS, 'api server', 'authorized ip ranges', 'network access', 'private cluster'],
    checkedAgainst: checked,
  },
  {
    key: 'b0fdc63a-38e7-4bab-a7c4-2c2665abbaa9',
    description: 'Checks that Kubernetes role-based access control (RBAC) is enabled on the AKS cluster.',
    whyItMatters: 'Without RBAC, any authenticated user has broad rights in the cluster; RBAC limits each person and workload to what it needs.',
    steps: [
      'RBAC can only be set when the cluster is created: create a new cluster with RBAC (and Microsoft Entra integration) enabled.',
      'Move the workloads to it and retire the old cluster.',
    ],
    subjects: [...AKS, 'rbac', 'role-based access control', 'permissions', 'entra id'],
    checkedAgainst: checked,
  },
  {
    key: 'a3eee263-aa01-4b52-a7c0-0094578ef48f',
    description: 'Checks that pod security rules restrict what pods may do (privileged mode, host namespaces, host paths). Pod Security Policies themselves were removed from Kubernetes; today this is done with Azure Policy for Kubernetes or Pod Security Admission.',
    whyItMatters: 'Unrestricted pods can run privileged, mount the host file system and take over the node, and from there the cluster.',
    steps: [
      'Install the Azure Policy add-on on the cluster.',
      'Assign the Kubernetes pod security baseline or restricted initiative, first in audit mode.',
      'Fix the workloads that violate it, then switch the assignment to deny.',
    ],
    subjects: [...AKS, 'pod security', 'pod security policy', 'privileged', 'azure policy', 'admission'],
    checkedAgainst: checked,
  },
  {
    key: '56a83a6e-c417-42ec-b567-1e6fcb3d09a9',
    description: 'Checks that the Defender profile (the Defender sensor) is enabled on the AKS cluster, so runtime threat detection works on its nodes.',
    whyItMatters: 'Without the sensor, Defender for Containers cannot see process and network activity in the cluster and raises no runtime alerts.',
    steps: [
      'Make sure the Defender for Containers plan is on for the subscription.',
      'Enable the Defender sensor on the cluster (az aks update --enable-defender, or from the plan settings).',
    ],
    subjects: [...AKS, 'defender', 'defender profile', 'defender sensor', 'runtime protection'],
    checkedAgainst: checked,
  },
  {
    key: '08e628db-e2ed-4793-bc91-d13e684401c3',
    description: 'Checks that the Azure Policy add-on for Kubernetes is installed on the AKS cluster.',
    whyItMatters: 'The add-on is what evaluates and enforces workload rules (trusted registries, resource limits, no privilege escalation) inside the cluster.',
    steps: [
      'Enable the azure-policy add-on on the cluster.',
      'Assign the Kubernetes policies or initiatives you need; results appear after about 15 minutes.',
    ],
    subjects: [...AKS, 'azure policy', 'policy add-on', 'gatekeeper', 'governance'],
    checkedAgainst: checked,
  },
  {
    key: '43dc2a2e-ce69-4d42-923e-ab7d136f2cfe',
    description: 'Checks that containers do not run with allowPrivilegeEscalation, which lets a process gain more privileges than its parent.',
    whyItMatters: 'Privilege escalation inside a container is a common step from a compromised application to root, and then to the node.',
    steps: [
      'Set securityContext.allowPrivilegeEscalation: false in the pod specs of the flagged workloads.',
      'Enforce it with the matching Azure Policy for Kubernetes assignment.',
    ],
    subjects: [...AKS, 'containers', 'privilege escalation', 'security context', 'pod'],
    checkedAgainst: checked,
  },
  {
    key: '405c9ae6-49f9-46c4-8873-a86690f27818',
    description: 'Checks that containers declare CPU and memory limits.',
    whyItMatters: 'A container without limits can exhaust the node, whether by a bug or a deliberate denial-of-service, and starve other workloads.',
    steps: [
      'Add resources.limits (cpu and memory) to every container of the flagged workloads.',
      'Set namespace LimitRanges so new workloads get defaults.',
    ],
    subjects: [...AKS, 'containers', 'resource limits', 'cpu', 'memory', 'denial of service'],
    checkedAgainst: checked,
  },
  {
    key: '8d244d29-fa00-4332-b935-c3a51d525417',
    description: 'Checks that the cluster runs only images pulled from registries you trust.',
    whyItMatters: 'Images from unknown registries can contain malware or vulnerable software, and bypass your own image scanning.',
    steps: [
      'Mirror the needed third-party images into your own registry and scan them.',
      'Update the workloads to pull from it.',
      'Assign the Azure Policy for Kubernetes that allows only your registries, with the allowed registry regex.',
    ],
    subjects: [...AKS, 'containers', 'trusted registries', 'images', 'supply chain'],
    checkedAgainst: checked,
  },
  diagnosticLogsEntry('bb318338-de6a-42ff-8428-8274c897d564', { label: 'AKS cluster', words: AKS, checkedAgainst: checked }),
  {
    key: '9b828565-a0ed-61c2-6bf3-1afc99a9b2ca',
    description: 'Checks that the container registry does not accept connections from every network: its default network action should be Deny, with chosen IP ranges or private endpoints allowed.',
    whyItMatters: 'An open registry lets anyone with leaked credentials pull your images (and the secrets sometimes baked into them) or push tampered ones.',
    steps: [
      'Network rules need the Premium tier; upgrade the registry if needed.',
      'Add the IP ranges of build agents and clusters, or use private endpoints.',
      'Set the default action to Deny.',
    ],
    subjects: [...ACR, 'network access', 'firewall', 'network rules', 'default action'],
    fix: 'containerRegistry.denyByDefault',
    checkedAgainst: checked,
  },
  privateEndpointEntry('13e7d036-6903-821c-6018-962938929bf0', { label: 'container registry', words: ACR, checkedAgainst: checked }, 'privatelink.azurecr.io'),
  {
    key: 'dbd0cb49-b563-45e7-9724-889e799fa648',
    description: 'Lists vulnerabilities found by scanning images in the Azure container registry. Since mid-2026 each vulnerable package in an image is its own individual recommendation of category SoftwareUpdate.',
    whyItMatters: 'Every container started from a vulnerable image carries the vulnerability; fixing the image fixes all future deployments.',
    steps: [
      'Sort the findings by severity and by which images are actually running.',
      'Rebuild each image on an updated base image, or update the vulnerable package to the fixed version the finding names.',
      'Push the new image, redeploy, and delete old vulnerable tags.',
    ],
    subjects: [...ACR, 'vulnerabilities', 'cve', 'image scanning', 'container images', 'software update'],
    checkedAgainst: [PAGES.containers, PAGES.individual],
  },
];
