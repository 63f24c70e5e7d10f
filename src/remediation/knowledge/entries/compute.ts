// Virtual machines and scale sets.
import type { KeyEntry } from '../model';
import { diagnosticLogsEntry } from './families';
import { PAGES } from './pages';

const checked = [PAGES.compute];
const VM = ['vm', 'virtual machine', 'machine', 'server'];
const VMSS = ['scale set', 'vmss', 'virtual machine scale set'];

function endpointProtection(key: string, target: string, words: string[]): KeyEntry {
  return {
    key,
    description: `Checks that an endpoint protection (antimalware / EDR) solution is installed and reporting on ${target}.`,
    whyItMatters: 'Without endpoint protection, malware and hands-on-keyboard attacks on the machine go undetected and unblocked.',
    steps: [
      'Turn on Defender for Servers, which deploys Microsoft Defender for Endpoint to supported machines automatically.',
      'Or install a supported third-party endpoint protection product and make sure it reports its status.',
      'Check that the agent is running and its signatures are current.',
    ],
    subjects: [...words, 'endpoint protection', 'antimalware', 'antivirus', 'edr', 'defender for endpoint', 'malware'],
    checkedAgainst: checked,
  };
}

export const COMPUTE_ENTRIES: KeyEntry[] = [
  {
    key: '4ab6e3c5-74dd-8b35-9ab9-f61b30875b27',
    description: 'Checks that security and critical operating-system updates are installed on the machine.',
    whyItMatters: 'Missing patches are the most common way attackers get in: public exploits appear within days of a patch release.',
    steps: [
      'Open the machine in Azure Update Manager and run an assessment to list missing updates.',
      'Install the security and critical updates (one-time update), then restart if required.',
      'Create a maintenance configuration so updates install on a schedule from now on.',
    ],
    subjects: [...VM, 'system updates', 'patches', 'patching', 'windows update', 'update manager', 'os updates'],
    checkedAgainst: checked,
  },
  {
    key: 'bd20bd91-aaf1-7f14-b6e4-866de2f43146',
    description: 'Checks that operating-system security and critical updates are installed on the instances of the virtual machine scale set.',
    whyItMatters: 'Every instance runs the same unpatched image, so one exploitable vulnerability exposes all of them at once.',
    steps: [
      'Turn on automatic OS image upgrades for the scale set, or update its image and roll it out.',
      'For custom images, rebuild the image with current patches and update the scale set model.',
      'Upgrade the existing instances to the latest model.',
    ],
    subjects: [...VMSS, 'system updates', 'patches', 'patching', 'os image upgrade'],
    checkedAgainst: checked,
  },
  {
    key: 'c0f5316d-5ac5-9218-b77a-b96e16ccfd66',
    description: 'Checks whether the machine has installed updates that only take effect after a restart.',
    whyItMatters: 'Until the restart, the old vulnerable code keeps running, so the machine is still exposed even though the update shows as installed.',
    steps: [
      'Plan a restart in the machine\'s maintenance window and tell its owners.',
      'Restart the machine, then confirm in Update Manager that no restart is pending.',
    ],
    subjects: [...VM, 'restart', 'reboot', 'system updates', 'pending reboot', 'patches'],
    checkedAgainst: checked,
  },
  {
    key: '1195afff-c881-495e-9bc5-1486211ae03f',
    description: 'Lists software vulnerabilities (CVEs) found on the machine by its vulnerability assessment scanner. Since mid-2026 these findings arrive as individual recommendations of category SoftwareUpdate, one per vulnerable package.',
    whyItMatters: 'Each finding is a known, often publicly exploitable weakness in software on the machine; internet-facing or privileged machines with critical CVEs are prime targets.',
    steps: [
      'Sort the findings by severity and by whether an exploit is public.',
      'Update each affected package to the fixed version the finding names; restart services or the machine as needed.',
      'Where no fix exists yet, reduce exposure (close ports, restrict access) and track the vendor advisory.',
    ],
    subjects: [...VM, 'vulnerabilities', 'cve', 'vulnerability findings', 'software update', 'patch', 'qualys'],
    checkedAgainst: [PAGES.compute, PAGES.individual],
  },
  {
    key: '01b1ed4c-b733-4fee-b145-f23236e70cf3',
    description: 'Checks that a vulnerability assessment solution scans the virtual machine.',
    whyItMatters: 'Unscanned machines have unknown vulnerabilities; nobody can prioritise patches that nobody has found.',
    steps: [
      'Turn on Defender for Servers; its agentless scanning or Microsoft Defender Vulnerability Management covers the machine without extra agents.',
      'Alternatively deploy a supported vulnerability assessment agent from the recommendation\'s Fix option.',
    ],
    subjects: [...VM, 'vulnerability assessment', 'scanner', 'scanning', 'defender vulnerability management'],
    checkedAgainst: checked,
  },
  {
    key: '181ac480-f7c4-544b-9865-11b8ffe87f47',
    description: 'Checks the machine\'s operating system settings against the security baseline (for example password policy, audit settings, insecure protocols).',
    whyItMatters: 'Weak OS settings give attackers easy footholds and help them move laterally once inside.',
    steps: [
      'Open the recommendation to see each failed baseline rule for the machine.',
      'Apply the expected value for each rule (Group Policy, configuration management, or the guest configuration feature).',
      'Document any rule you intentionally deviate from and exempt it.',
    ],
    subjects: [...VM, 'security configuration', 'baseline', 'misconfiguration', 'hardening', 'os settings'],
    checkedAgainst: checked,
  },
  {
    key: '8941d121-f740-35f6-952c-6561d2b38d36',
    description: 'Checks the scale set instances\' operating system settings against the security baseline.',
    whyItMatters: 'All instances share the same image, so one weak setting is repeated on every instance.',
    steps: [
      'Review the failed baseline rules for the scale set.',
      'Fix them in the image or in the scale set\'s configuration extension, then upgrade the instances.',
    ],
    subjects: [...VMSS, 'security configuration', 'baseline', 'misconfiguration', 'hardening'],
    checkedAgainst: checked,
  },
  endpointProtection('83f577bd-a1b6-b7e1-0891-12ca19d1e6df', 'Windows virtual machines', [...VM, 'windows']),
  endpointProtection('4fb67663-9ab9-475d-b026-8c544cced439', 'Linux virtual machines', [...VM, 'linux']),
  endpointProtection('21300918-b2e3-0346-785f-c77ff57d243b', 'virtual machine scale sets', VMSS),
  {
    key: 'e71020c2-860c-3235-cd39-04f3f8c936d2',
    description: 'Checks for endpoint protection on scale set instances that is installed but unhealthy: stopped, out of date, or with real-time protection off.',
    whyItMatters: 'An unhealthy agent gives a false sense of protection; it does not stop or report malware.',
    steps: [
      'Open the recommendation to see the failure reason per instance.',
      'Update signatures, restart the service or reinstall the extension, and reimage instances that stay unhealthy.',
    ],
    subjects: [...VMSS, 'endpoint protection', 'antimalware', 'health', 'signatures'],
    checkedAgainst: checked,
  },
  {
    key: 'd57a4221-a804-52ca-3dea-768284f06bb7',
    description: 'Checks that the virtual machine\'s OS and data disks are encrypted with Azure Disk Encryption or encryption at host.',
    whyItMatters: 'Platform encryption protects the stored disk, but temp disks and caches are unencrypted without these options; a copied disk could then be read elsewhere.',
    steps: [
      'Prefer encryption at host (register the EncryptionAtHost feature, deallocate the VM, turn it on).',
      'Or use Azure Disk Encryption with a key vault enabled for disk encryption.',
      'Plan a short downtime: the VM must be stopped for encryption at host to be switched on.',
    ],
    subjects: [...VM, 'disk encryption', 'encryption at rest', 'encryption at host', 'ade', 'disks'],
    checkedAgainst: checked,
  },
  {
    key: 'a40cc620-e72c-fdf4-c554-c6ca2cd705c0',
    description: 'Checks that the Linux virtual machine encrypts its disks with Azure Disk Encryption or encryption at host, including temp disks and caches.',
    whyItMatters: 'Unencrypted temp disks and caches can hold copies of sensitive data that leave the protection of server-side encryption.',
    steps: [
      'Deallocate the VM and turn on encryption at host (after registering the feature on the subscription).',
      'Or enable Azure Disk Encryption (dm-crypt) with a key vault enabled for disk encryption.',
    ],
    subjects: [...VM, 'linux', 'disk encryption', 'encryption at host', 'encryption at rest'],
    checkedAgainst: checked,
  },
  {
    key: 'efbbd784-656d-473a-9863-ea7693bfcd2a',
    description: 'Checks that encryption at host is turned on for the virtual machine or scale set, so temp disks and disk caches are encrypted on the host too.',
    whyItMatters: 'Data in temp disks and caches is otherwise stored unencrypted on the physical host.',
    steps: [
      'Register the EncryptionAtHost feature on the subscription if not already done.',
      'Deallocate the VM (or update the scale set model), set securityProfile.encryptionAtHost = true and start it again.',
    ],
    subjects: [...VM, ...VMSS, 'encryption at host', 'encryption at rest', 'disks', 'temp disk'],
    checkedAgainst: checked,
  },
  {
    key: '22489c48-27d1-4e40-9420-4303ad9cffef',
    description: 'Checks that Windows Defender Exploit Guard (attack surface reduction, controlled folder access, network protection) is configured on the machine.',
    whyItMatters: 'Exploit Guard blocks common malware techniques such as Office macros launching processes or ransomware encrypting protected folders.',
    steps: [
      'Enable attack surface reduction rules and controlled folder access through Intune, Group Policy or Defender for Endpoint.',
      'Start in audit mode, review the events, then switch to block mode.',
    ],
    subjects: [...VM, 'windows', 'exploit guard', 'attack surface reduction', 'asr', 'ransomware'],
    checkedAgainst: checked,
  },
  {
    key: '22441184-2f7b-d4a0-e00b-4c5eaef4afc9',
    description: 'Checks that the Linux virtual machine only allows SSH key authentication, with password authentication turned off.',
    whyItMatters: 'Passwords on SSH are brute-forced constantly on internet-facing machines; keys cannot be guessed.',
    steps: [
      'Add SSH public keys for everyone who needs access (or use Microsoft Entra login for Linux).',
      'Set PasswordAuthentication no in sshd_config and restart sshd.',
      'For new VMs, set disablePasswordAuthentication = true in the Linux configuration.',
    ],
    subjects: [...VM, 'linux', 'ssh', 'ssh keys', 'password', 'authentication'],
    checkedAgainst: checked,
  },
  {
    key: '45cfe080-ceb1-a91e-9743-71551ed24e94',
    description: 'Checks that a monitoring agent is installed on the scale set instances so security data can be collected.',
    whyItMatters: 'Without the agent, security events, configuration checks and some alerts are not available for these instances.',
    steps: [
      'Add the Azure Monitor Agent extension to the scale set model (or enable it through Defender for Cloud settings).',
      'Upgrade the instances to the latest model and check they report.',
    ],
    subjects: [...VMSS, 'monitoring agent', 'azure monitor agent', 'log analytics', 'agent'],
    checkedAgainst: checked,
  },
  diagnosticLogsEntry('961eb649-3ea9-f8c2-6595-88e9a3aeedeb', { label: 'virtual machine scale set', words: VMSS, checkedAgainst: checked }),
  diagnosticLogsEntry('1597605a-0faf-5860-eb74-462ae2e9fc21', { label: 'Event Hubs namespace', words: ['event hub', 'event hubs', 'messaging'], checkedAgainst: checked }),
  diagnosticLogsEntry('f19ab7d9-5ff2-f8fd-ab3b-0bf95dcb6889', { label: 'Service Bus namespace', words: ['service bus', 'servicebus', 'messaging', 'queues'], checkedAgainst: checked }),
];
