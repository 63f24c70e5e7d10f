// Exemptions approved in chat as Azure Policy exemptions: the public PUT's path, api-version and body, the name that
// makes a retry overwrite the same exemption, and the assignment read from policy states, never guessed.
import { AppError } from '../../src/errors/appError';
import { exemptionTargetOf, policyExemptionName, policyExemptionWrite, policyStatesQuery, resourceIdOfAssessment } from '../../src/access/policyExemptions';

const RESOURCE = '/subscriptions/c32e05d9-7207-4e22-bdf4-4f7d9c72e5fd/resourceGroups/rg-web/providers/Microsoft.Storage/storageAccounts/stweb01';
const ASSESSMENT = `${RESOURCE}/providers/Microsoft.Security/assessments/ad4f3ff1-30eb-5042-16ed-27198f640b8d`;
const POLICY = '/providers/Microsoft.Authorization/policyDefinitions/34c877ad-507e-4c82-993e-3452a6e0ad3c';
const ASC = '/subscriptions/c32e05d9-7207-4e22-bdf4-4f7d9c72e5fd/providers/Microsoft.Authorization/policyAssignments/SecurityCenterBuiltIn';
const OTHER = '/subscriptions/c32e05d9-7207-4e22-bdf4-4f7d9c72e5fd/providers/Microsoft.Authorization/policyAssignments/storage-baseline';

describe('Azure Policy exemptions', () => {
  it('finds the resource of an assessment, and nothing for an id that is not one', () => {
    expect(resourceIdOfAssessment(ASSESSMENT)).toBe(RESOURCE);
    expect(resourceIdOfAssessment(`/subscriptions/s1/providers/microsoft.security/assessments/k`)).toBe('/subscriptions/s1');
    expect(resourceIdOfAssessment('not-an-id')).toBeUndefined();
    expect(resourceIdOfAssessment('/tenants/t/providers/Microsoft.Security/assessments/k')).toBeUndefined();
  });

  it('builds the public PUT: scope, name, api-version and body', () => {
    const write = policyExemptionWrite({ resourceId: RESOURCE, assessmentId: ASSESSMENT, policyAssignmentId: ASC, policyDefinitionReferenceIds: ['ref1'], category: 'Waiver', expiresOn: Date.UTC(2027, 2, 1), displayName: 'Restrict network access on stweb01', description: 'Approved in Teams' });
    expect(write.method).toBe('PUT');
    expect(write.url).toBe(`${RESOURCE}/providers/Microsoft.Authorization/policyExemptions/${policyExemptionName(ASSESSMENT, ASC)}?api-version=2022-07-01-preview`);
    expect(write.body).toEqual({
      properties: {
        policyAssignmentId: ASC,
        policyDefinitionReferenceIds: ['ref1'],
        exemptionCategory: 'Waiver',
        expiresOn: '2027-03-01T00:00:00.000Z',
        displayName: 'Restrict network access on stweb01',
        description: 'Approved in Teams',
        metadata: { requestedBy: 'posture-bot', assessmentId: ASSESSMENT },
      },
    });
    // A single assigned policy has no reference ids, and no expiry is left out rather than sent empty.
    const plain = policyExemptionWrite({ resourceId: RESOURCE, assessmentId: ASSESSMENT, policyAssignmentId: OTHER, policyDefinitionReferenceIds: [], category: 'Mitigated', displayName: 'x', description: 'y' });
    expect(plain.body).not.toHaveProperty('properties.policyDefinitionReferenceIds');
    expect(plain.body).not.toHaveProperty('properties.expiresOn');
    // Names: the same approval again names the same exemption; within Azure's 64 characters.
    expect(policyExemptionName(ASSESSMENT.toUpperCase(), ASC)).toBe(policyExemptionName(ASSESSMENT, ASC));
    expect(policyExemptionName(ASSESSMENT, OTHER)).not.toBe(policyExemptionName(ASSESSMENT, ASC));
    expect(policyExemptionName(ASSESSMENT, ASC)).toMatch(/^posture-bot-[0-9a-f]{32}$/);
  });

  it('asks policy states which assignment checks the policy, with the filter quoted', () => {
    const query = policyStatesQuery(RESOURCE, "/providers/x/policyDefinitions/it's");
    const url = new URL(query.url, 'https://management.azure.com');
    expect(query.method).toBe('POST');
    expect(url.pathname).toBe(`${RESOURCE}/providers/Microsoft.PolicyInsights/policyStates/latest/queryResults`);
    expect(url.searchParams.get('api-version')).toBe('2019-10-01');
    expect(url.searchParams.get('$filter')).toBe("policyDefinitionId eq '/providers/x/policyDefinitions/it''s'");
  });

  it('takes the one assignment that checks the policy, or Defender’s default among several; otherwise says why', () => {
    const row = (policyAssignmentId: string, policyDefinitionReferenceId?: string, policyDefinitionId = POLICY) => ({ policyAssignmentId, policyDefinitionId, ...(policyDefinitionReferenceId ? { policyDefinitionReferenceId } : {}) });
    expect(exemptionTargetOf({ value: [row(OTHER)] }, POLICY)).toEqual({ policyAssignmentId: OTHER, policyDefinitionReferenceIds: [] });
    expect(exemptionTargetOf({ value: [row(OTHER, 'b'), row(ASC.toLowerCase(), 'r2'), row(ASC.toLowerCase(), 'r1')] }, POLICY.toUpperCase())).toEqual({ policyAssignmentId: ASC.toLowerCase(), policyDefinitionReferenceIds: ['r1', 'r2'] });
    const none = () => exemptionTargetOf({ value: [row(ASC, 'x', '/providers/Microsoft.Authorization/policyDefinitions/other')] }, POLICY);
    expect(none).toThrow(AppError);
    expect(none).toThrow(/no compliance record of its policy/);
    expect(() => exemptionTargetOf({ value: [row(OTHER), row(`${OTHER}-2`)] }, POLICY)).toThrow(/2 assignments check its policy and none is Defender's default one/);
    expect(() => exemptionTargetOf('garbage', POLICY)).toThrow(/no compliance record/);
  });
});
