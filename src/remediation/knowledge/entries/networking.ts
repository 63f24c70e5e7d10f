// Networking: network security groups, management ports, virtual network protections.
import type { KeyEntry } from '../model';
import { PAGES } from './pages';

const checked = [PAGES.networking];
const VM = ['vm', 'virtual machine', 'machine'];
const NET = ['network', 'networking', 'nsg', 'network security group'];

export const NETWORKING_ENTRIES: KeyEntry[] = [
  {
    key: 'bc303248-3d14-44c2-96a0-55f5c326b5fe',
    description: 'Checks whether management ports (such as RDP 3389 and SSH 22) on the virtual machine are open to the internet through its network security groups.',
    whyItMatters: 'Open management ports are scanned and brute-forced continuously; they are among the most common entry points for ransomware operators.',
    steps: [
      'Find the inbound NSG rules (on the NIC and on the subnet) that allow 22, 3389 or other management ports from Any/Internet.',
      'Remove them, or restrict the source to specific admin IP ranges.',
      'Use Azure Bastion or just-in-time VM access for administration instead.',
    ],
    subjects: [...VM, ...NET, 'management ports', 'rdp', 'ssh', 'port 22', 'port 3389', 'open ports', 'internet exposure'],
    checkedAgainst: checked,
  },
  {
    key: '805651bc-6ecd-4c73-9b55-97a19d0582d0',
    description: 'Checks that the virtual machine\'s management ports are protected with just-in-time (JIT) access, which keeps them closed and opens them briefly for an approved source IP on request.',
    whyItMatters: 'JIT shrinks the window in which RDP/SSH can be attacked from hours to minutes, and every opening is logged.',
    steps: [
      'Make sure Defender for Servers (Plan 2) covers the VM.',
      'Enable just-in-time access on the VM, choosing ports, allowed source ranges and the maximum request time.',
      'Have administrators request access through the portal, CLI or API when they need it.',
    ],
    subjects: [...VM, ...NET, 'just-in-time', 'jit', 'management ports', 'rdp', 'ssh'],
    checkedAgainst: checked,
  },
  {
    key: '483f12ed-ae23-447e-a2de-a67a10db4353',
    description: 'Checks that an internet-facing virtual machine has a network security group on its subnet or network interface.',
    whyItMatters: 'Without an NSG, every port the operating system listens on is reachable from the internet.',
    steps: [
      'Create a network security group that allows only the ports the workload serves.',
      'Associate it with the VM\'s subnet (preferred) or network interface.',
      'Review the effective security rules on the NIC to confirm the result.',
    ],
    subjects: [...VM, ...NET, 'internet-facing', 'internet exposure', 'public ip'],
    checkedAgainst: checked,
  },
  {
    key: '3b20e985-f71f-483b-b078-f30d73936d43',
    description: 'Checks the network security groups of the virtual machine for inbound rules that are too permissive (any source, or wide port ranges).',
    whyItMatters: 'Broad allow rules expose services that were never meant to be reachable and make lateral movement easy.',
    steps: [
      'Review inbound rules with source Any or Internet, or with large port ranges.',
      'Narrow each rule to the specific sources and ports the workload needs; delete unused rules.',
    ],
    subjects: [...VM, ...NET, 'permissive rules', 'ports', 'inbound rules', 'any source'],
    checkedAgainst: checked,
  },
  {
    key: 'f9f0eed0-f143-47bf-b856-671ea2eeed62',
    description: 'Applies Defender\'s adaptive network hardening advice: NSG rules for internet-facing VMs are compared with observed traffic, and tighter rules are suggested.',
    whyItMatters: 'Rules that allow far more than the traffic actually seen leave unneeded exposure that attackers can use.',
    steps: [
      'Open the recommendation on the VM to see the suggested rules based on learned traffic.',
      'Check the suggestions with the workload owners, then apply them (Enforce) or adjust the NSG manually.',
    ],
    subjects: [...VM, ...NET, 'adaptive network hardening', 'traffic', 'internet-facing'],
    checkedAgainst: checked,
  },
  {
    key: 'c3b51c94-588b-426b-a892-24696f9e54cc',
    description: 'Checks that IP forwarding is turned off on the virtual machine\'s network interface unless the VM is a network appliance.',
    whyItMatters: 'With IP forwarding on, the VM can route traffic it was not addressed to, which can bypass network security groups and aid lateral movement.',
    steps: [
      'Confirm the VM is not a firewall, NAT or routing appliance.',
      'Open its network interface > IP configurations and set IP forwarding to Disabled (enableIPForwarding = false).',
    ],
    subjects: [...VM, 'network', 'networking', 'ip forwarding', 'network interface', 'nic', 'routing'],
    checkedAgainst: checked,
  },
  {
    key: 'eade5b56-eefd-444f-95c8-23f29e5d93cb',
    description: 'Checks that the subnet has a network security group associated with it.',
    whyItMatters: 'A subnet without an NSG lets all traffic reach its resources unless each NIC is protected individually, which is easy to forget.',
    steps: [
      'Create a network security group with the rules the subnet needs.',
      'Associate it with the subnet (some service subnets such as GatewaySubnet are excluded).',
    ],
    subjects: [...NET, 'subnet', 'virtual network', 'vnet'],
    checkedAgainst: checked,
  },
  {
    key: 'e3de1cc0-f4dd-3b34-e496-8b5381ba2d70',
    description: 'Checks that virtual networks with public-facing resources such as application gateways are covered by Azure DDoS Protection (network protection).',
    whyItMatters: 'Basic infrastructure protection does not tune to your application; a targeted volumetric attack can take public services offline.',
    steps: [
      'Create a DDoS protection plan (one can cover many virtual networks across subscriptions in a tenant).',
      'Enable it on the virtual networks that host public IPs.',
      'Set up metrics alerts for "Under DDoS attack or not".',
    ],
    subjects: ['network', 'networking', 'virtual network', 'vnet', 'ddos', 'ddos protection', 'availability'],
    checkedAgainst: checked,
  },
  {
    key: 'f1f2f7dc-7bd5-18bf-c403-cbbdb7ec3d68',
    description: 'Checks that Network Watcher is enabled in each region where you have virtual networks.',
    whyItMatters: 'Network Watcher provides flow logs, packet capture and connection diagnostics that incident responders need to trace network activity.',
    steps: [
      'Enable Network Watcher for the region (it is usually created automatically in NetworkWatcherRG).',
      'Turn on flow logs for the virtual networks or NSGs that matter most.',
    ],
    subjects: ['network', 'networking', 'network watcher', 'flow logs', 'monitoring', 'virtual network'],
    checkedAgainst: checked,
  },
  {
    key: 'f67fb4ed-d481-44d7-91e5-efadf504f74a',
    description: 'Checks that traffic leaving the virtual network is inspected by Azure Firewall (or a comparable network virtual appliance).',
    whyItMatters: 'Without a central firewall, compromised workloads can reach any destination on the internet, which makes data exfiltration and command-and-control easy.',
    steps: [
      'Deploy Azure Firewall in a hub virtual network (or use Azure Firewall Manager / Virtual WAN).',
      'Route the spoke subnets\' outbound traffic to it with user-defined routes.',
      'Write application and network rules that allow only what workloads need.',
    ],
    subjects: ['network', 'networking', 'virtual network', 'vnet', 'azure firewall', 'firewall', 'egress'],
    checkedAgainst: checked,
  },
  {
    key: 'efe75f01-6fff-5d9d-08e6-092b98d3fb3f',
    description: 'Checks that Web Application Firewall (WAF) is enabled on the application gateway.',
    whyItMatters: 'A WAF blocks common web attacks such as SQL injection and cross-site scripting before they reach the applications.',
    steps: [
      'Move the gateway to the WAF_v2 tier and attach a WAF policy with the current managed rule set.',
      'Run in Detection mode briefly to tune false positives, then switch to Prevention.',
    ],
    subjects: ['network', 'networking', 'application gateway', 'waf', 'web application firewall', 'web attacks'],
    checkedAgainst: checked,
  },
];
