// `resourcecontainers` rows (subscriptions, resource groups) and the AWS security connector row.
import type { TenantLayout } from './tenantLayout';

export function* containerRows(layout: TenantLayout): Generator<Record<string, unknown>> {
  const { tenantId } = layout;
  for (const s of layout.subscriptions) {
    yield {
      // In Resource Graph a subscription row's `name` is its display name; the GUID is in `subscriptionId`.
      id: `/subscriptions/${s.subscriptionId}`, name: s.displayName, type: 'microsoft.resources/subscriptions', tenantId, kind: '',
      location: '', resourceGroup: '', subscriptionId: s.subscriptionId, tags: { environment: s.environment },
      properties: { state: 'Enabled', subscriptionPolicies: { quotaId: 'EnterpriseAgreement_2014-09-01', spendingLimit: 'Off' } },
    };
    for (const rg of s.resourceGroups) {
      yield {
        id: `/subscriptions/${s.subscriptionId}/resourceGroups/${rg}`, name: rg, type: 'microsoft.resources/subscriptions/resourcegroups',
        tenantId, kind: '', location: layout.azureRegions[0] ?? 'westeurope', resourceGroup: rg, subscriptionId: s.subscriptionId,
        tags: { environment: s.environment }, properties: { provisioningState: 'Succeeded' },
      };
    }
  }
  const { aws } = layout;
  yield {
    id: aws.connectorId, name: aws.connectorName, type: 'microsoft.security/securityconnectors', tenantId, kind: '',
    location: layout.azureRegions[0] ?? 'westeurope', resourceGroup: aws.resourceGroup, subscriptionId: aws.subscriptionId,
    tags: { owner: layout.people[0] ?? '', environment: 'production' },
    properties: {
      hierarchyIdentifier: aws.accountId,
      environmentName: 'AWS',
      environmentData: { environmentType: 'AwsAccount', accountName: aws.displayName, regions: [...aws.regions], scanInterval: 12 },
      offerings: [
        { offeringType: 'CspmMonitorAws', nativeCloudConnection: { cloudRoleArn: `arn:aws:iam::${aws.accountId}:role/CspmMonitorAws` } },
        { offeringType: 'DefenderCspmAws' },
        { offeringType: 'DefenderForServersAws' },
      ],
    },
  };
}
