// Checks that look at more than one property: NSG rules open to the internet on SSH/RDP, SQL auditing (a child
// resource or a separate Terraform resource), and AKS API server access (authorized ranges or a private cluster).
import type { IacResource, PropertyPath, ResolvedValue } from '../model';
import type { IacRule, RuleContext, RuleFailure } from './ruleModel';
import { familyOf } from './ruleModel';
import { isTrue } from './propertyRule';

const ANYWHERE = new Set(['*', 'internet', 'any', '0.0.0.0/0', '::/0', '0.0.0.0']);
const known = (v: ResolvedValue): unknown => (v.kind === 'value' ? v.value : v.kind === 'missing' ? undefined : UNKNOWN);
const UNKNOWN = Symbol('unknown');

const coversPort = (range: unknown, port: number): boolean => {
  if (range === '*') return true;
  const text = String(range);
  const [from, to] = text.split('-').map((p) => Number(p.trim()));
  if (from === undefined || Number.isNaN(from)) return false;
  return to === undefined || Number.isNaN(to) ? from === port : from <= port && port <= to;
};

/** Every inbound rule of a resource: [path to the rule's fields, field names for this language]. */
function rulesOf(resource: IacResource): PropertyPath[] {
  const type = resource.type.toLowerCase();
  if (familyOf(resource.language) === 'arm') {
    if (type === 'microsoft.network/networksecuritygroups/securityrules') return [['properties']];
    return Array.from({ length: resource.count(['properties', 'securityRules']) }, (_, i) => ['properties', 'securityRules', i, 'properties']);
  }
  if (type === 'azurerm_network_security_rule') return [[]];
  return Array.from({ length: resource.count(['security_rule']) }, (_, i) => ['security_rule', i]);
}

function openPortRule(id: string, port: number, service: string): IacRule {
  return {
    id, title: `Network security groups should not allow ${service} from the internet`, severity: 'High',
    assessmentKey: 'bc303248-3d14-44c2-96a0-55f5c326b5fe', recommendation: 'Management ports should be closed on your virtual machines',
    types: { arm: ['Microsoft.Network/networkSecurityGroups', 'Microsoft.Network/networkSecurityGroups/securityRules'], terraform: ['azurerm_network_security_group', 'azurerm_network_security_rule'] },
    evaluate(resource) {
      const arm = familyOf(resource.language) === 'arm';
      const field = (name: string) => (arm ? name : name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
      const failures: RuleFailure[] = [];
      for (const base of rulesOf(resource)) {
        const at = (name: string) => resource.get([...base, field(name)]);
        const direction = known(at('direction'));
        const access = known(at('access'));
        const protocol = known(at('protocol'));
        if ([direction, access, protocol].includes(UNKNOWN)) continue;
        if (String(direction).toLowerCase() !== 'inbound' || String(access).toLowerCase() !== 'allow') continue;
        if (!['*', 'tcp'].includes(String(protocol ?? '*').toLowerCase())) continue;
        const single = at('sourceAddressPrefix');
        const many = known(at('sourceAddressPrefixes'));
        const sources = [known(single), ...(Array.isArray(many) ? many : [])].filter((s) => s !== undefined);
        if (sources.includes(UNKNOWN) || !sources.some((s) => ANYWHERE.has(String(s).toLowerCase()))) continue;
        const ports = [known(at('destinationPortRange')), ...((v) => (Array.isArray(v) ? v : []))(known(at('destinationPortRanges')))].filter((p) => p !== undefined);
        if (ports.includes(UNKNOWN) || !ports.some((p) => coversPort(p, port))) continue;
        const ruleName = known(resource.get(arm ? [...base.slice(0, -1), 'name'] : [...base, 'name']));
        const label = typeof ruleName === 'string' ? `rule ${ruleName}` : 'a rule';
        const where = single.kind === 'value' ? single.span.line : resource.span.line;
        const fixable = single.kind === 'value' && ANYWHERE.has(String(single.value).toLowerCase());
        failures.push({
          message: `${resource.name}: ${label} allows ${service} (port ${port}) from the internet.`,
          line: where,
          fix: fixable ? { kind: 'set', path: [...base, field('sourceAddressPrefix')], value: 'VirtualNetwork' } : { kind: 'manual', reason: 'the rule lists several source ranges: choose which to keep' },
          fixSummary: `Restrict ${label}'s source to VirtualNetwork (reach ${service} through Azure Bastion or a VPN) on ${resource.name}.`,
        });
      }
      return failures;
    },
  };
}

const auditedServers = (context: RuleContext): { any: boolean; names: Set<string> } => {
  const names = new Set<string>();
  let any = false;
  for (const template of context.unit) {
    const all = template.resources.flatMap((r) => [r, ...r.children]);
    for (const r of all) {
      const type = r.type.toLowerCase();
      if (type === 'microsoft.sql/servers/auditingsettings') {
        const state = known(r.get(['properties', 'state']));
        if (state === UNKNOWN || String(state).toLowerCase() === 'enabled') any = true;
      }
      if (type === 'azurerm_mssql_server_extended_auditing_policy') {
        const server = r.get(['server_id']);
        if (server.kind !== 'missing') {
          const text = template.text.slice(server.kind === 'unknown' || server.kind === 'value' ? server.span.start : 0, server.kind === 'unknown' || server.kind === 'value' ? server.span.end : 0);
          const match = /azurerm_mssql_server\.([A-Za-z0-9_-]+)\.id/.exec(text);
          if (match?.[1]) names.add(match[1]);
          else any = true;
        }
      }
    }
  }
  return { any, names };
};

export const SQL_AUDITING: IacRule = {
  id: 'sql-auditing', title: 'SQL servers should have auditing enabled', severity: 'Medium',
  assessmentKey: '94208a8b-16e8-4e5b-abbd-4e81c9d02bee', recommendation: 'Auditing on SQL server should be enabled',
  types: { arm: ['Microsoft.Sql/servers'], terraform: ['azurerm_mssql_server'] },
  evaluate(resource, context) {
    const audited = auditedServers(context);
    if (audited.any || audited.names.has(resource.name)) return [];
    if (resource.children.some((c) => c.type.toLowerCase() === 'microsoft.sql/servers/auditingsettings')) return [];
    const legacy = resource.get(['extended_auditing_policy']);
    if (legacy.kind !== 'missing') return [];
    return [{
      message: `${resource.name}: no auditing settings are declared for this SQL server, so auditing stays off.`,
      line: resource.span.line,
      fix: {
        kind: 'addChild',
        arm: { type: 'auditingSettings', apiVersion: '2021-11-01', name: 'default', properties: { state: 'Enabled', isAzureMonitorTargetEnabled: true } },
        bicep: ["resource auditing 'auditingSettings@2021-11-01' = {", "  name: 'default'", '  properties: {', "    state: 'Enabled'", '    isAzureMonitorTargetEnabled: true', '  }', '}'],
        terraform: [`resource "azurerm_mssql_server_extended_auditing_policy" "${resource.name}" {`, `  server_id              = azurerm_mssql_server.${resource.name}.id`, '  log_monitoring_enabled = true', '}'],
      },
      fixSummary: `Enable auditing on ${resource.name}, sent to Azure Monitor (point diagnostic settings at your Log Analytics workspace).`,
    }];
  },
};

export const AKS_AUTHORIZED_IPS: IacRule = {
  id: 'aks-authorized-ip-ranges', title: 'Kubernetes API servers should allow only authorized IP ranges', severity: 'High',
  assessmentKey: '1a2b5b4c-f80d-46e7-ac81-b51a9fb363de', recommendation: 'Authorized IP ranges should be defined on Kubernetes Services',
  types: { arm: ['Microsoft.ContainerService/managedClusters'], terraform: ['azurerm_kubernetes_cluster'] },
  evaluate(resource) {
    const arm = familyOf(resource.language) === 'arm';
    const privateCluster = known(resource.get(arm ? ['properties', 'apiServerAccessProfile', 'enablePrivateCluster'] : ['private_cluster_enabled']));
    if (privateCluster === UNKNOWN || isTrue(privateCluster)) return [];
    const paths: PropertyPath[] = arm ? [['properties', 'apiServerAccessProfile', 'authorizedIPRanges']] : [['api_server_access_profile', 'authorized_ip_ranges'], ['api_server_authorized_ip_ranges']];
    for (const path of paths) {
      const ranges = known(resource.get(path));
      if (ranges === UNKNOWN || (Array.isArray(ranges) && ranges.length > 0)) return [];
    }
    return [{
      message: `${resource.name}: the API server accepts connections from any address (no authorized IP ranges, not a private cluster).`,
      line: resource.span.line,
      fix: { kind: 'manual', reason: 'the authorized address ranges are yours to choose' },
      fixSummary: `Add your administrators' address ranges to the API server's authorized IP ranges on ${resource.name}.`,
    }];
  },
};

export const STRUCTURE_CHECKS: readonly IacRule[] = [openPortRule('nsg-ssh-internet', 22, 'SSH'), openPortRule('nsg-rdp-internet', 3389, 'RDP'), SQL_AUDITING, AKS_AUTHORIZED_IPS];
