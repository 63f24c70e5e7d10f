// Generated estates for the Azure source tests: assessments spread over several subscriptions, with their
// subscription rows, so scope, paging and permission behaviour can be seen in the loaded records.
import { azureAssessment } from '../../load/rowFixtures';

export const SUBS = ['aaaaaaaa-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000002', 'aaaaaaaa-0000-4000-8000-000000000003'] as const;

export function estateRows(perSubscription: number, subscriptions: readonly string[] = SUBS, status: (index: number) => string = () => 'Unhealthy', statusChangeDate?: string): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  subscriptions.forEach((sub, s) => {
    rows.push({ id: `/subscriptions/${sub}`, name: `Subscription ${s + 1}`, type: 'microsoft.resources/subscriptions', subscriptionId: sub, properties: { state: 'Enabled' } });
    for (let i = 0; i < perSubscription; i++) {
      const vm = `/subscriptions/${sub}/resourceGroups/rg-${i % 7}/providers/Microsoft.Compute/virtualMachines/vm-${s}-${i}`;
      const key = `181ac480-f7c4-544b-9865-${String(i).padStart(12, '0')}`;
      const base = azureAssessment();
      rows.push({
        ...base,
        id: `${vm}/providers/Microsoft.Security/assessments/${key}`,
        name: key,
        subscriptionId: sub,
        resourceGroup: `rg-${i % 7}`,
        properties: {
          ...(base.properties as object),
          status: { code: status(i), ...(statusChangeDate ? { statusChangeDate } : {}) },
          resourceDetails: { Source: 'Azure', Id: vm, ResourceName: `vm-${s}-${i}`, ResourceType: 'microsoft.compute/virtualmachines' },
        },
      });
    }
  });
  return rows;
}
