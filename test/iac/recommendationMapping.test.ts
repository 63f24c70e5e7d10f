// Which of our IaC rules a Defender recommendation means: by the scanner's rule id first (as the loader keeps it
// from additionalData.RuleId), by its title only when the data has no id or an id we do not know.
import { ruleForRecommendation } from '../../src/iac/recommendationMapping';
import { loadDemoEngine } from '../planner/support/demoTenant';
import { SYSTEM_VIEWER } from '../../src/posture/viewer';
import { buildDetailsView } from '../../src/skills/analyze/detailsView';

const ruleOf = (title: string, id?: string) => {
  const target = ruleForRecommendation(title, 'IacVulnerabilities', id);
  return target.kind === 'rule' ? target.rule.id : target.kind;
};

describe('IaC recommendation mapping', () => {
  it('maps by rule id before the title, Checkov ids and our own', () => {
    const byTitle = ruleOf('IaC: Storage accounts should require TLS 1.2 or later');
    expect(byTitle).not.toBe('all');
    // A rule id wins over a title that names another check.
    expect(ruleOf('IaC: Storage accounts should require TLS 1.2 or later', 'IAC-NSG-SSH-ANY')).toBe(ruleOf('', 'CKV_AZURE_10'));
    expect(ruleOf('IaC: Storage accounts should require TLS 1.2 or later', 'IAC-NSG-SSH-ANY')).not.toBe(byTitle);
    // A title nobody knows still maps by its id.
    expect(ruleOf('IaC: finding 7f3e', 'iac-storage-tls')).toBe(byTitle);
  });

  it('falls back to the title when the id is unknown, and calls an unknown id with an unknown title one it cannot fix', () => {
    expect(ruleOf('IaC: Storage accounts should require TLS 1.2 or later', 'CKV_UNKNOWN_1')).toBe(ruleOf('IaC: Storage accounts should require TLS 1.2 or later'));
    expect(ruleForRecommendation('IaC: Ensure that Cosmos DB accounts have restricted access', 'IacVulnerabilities', 'CKV_AZURE_99')).toEqual({ kind: 'unsupported', ruleId: 'CKV_AZURE_99' });
    // Without any id, a title we do not know still lists every check.
    expect(ruleOf('IaC: finding 7f3e')).toBe('all');
  });

  it.each([
    ['CKV_AZURE_10', 'nsg-ssh-internet'],
    ['checkov/CKV_AZURE_10', 'nsg-ssh-internet'],
    ['Checkov:ckv_azure_44', 'storage-min-tls'],
    ['TA-000016', 'appservice-https-only'],
    ['TemplateAnalyzer/TA-000011', 'appservice-min-tls'],
    ['TA-000024', 'aks-rbac'],
    ['tfsec:azure-storage-default-action-deny', 'storage-default-deny'],
    ['azure-network-disable-rdp-from-internet', 'nsg-rdp-internet'],
    ['AVD-AZU-0011', 'storage-min-tls'],
    [' storage-https-only ', 'storage-https-only'],
  ])('maps the scanner id %s to %s whatever the title', (id, rule) => {
    expect(ruleOf('IaC: finding 7f3e', id)).toBe(rule);
  });

  it('treats every legacy repository-level IaC recommendation (GitHub, Azure DevOps, GitLab) as all checks', () => {
    for (const title of ['GitHub repositories should have infrastructure as code scanning findings resolved', 'Azure DevOps repositories should have infrastructure as code scanning findings resolved', 'GitLab projects should have infrastructure as code scanning findings resolved']) {
      expect(ruleForRecommendation(title, undefined)).toEqual({ kind: 'all' });
    }
    expect(ruleForRecommendation('Storage accounts should restrict network access', undefined).kind).toBe('none');
  });

  it('maps every IaC finding of the demo tenant through the rule id its details carry', async () => {
    const engine = await loadDemoEngine();
    const rows = engine.search(SYSTEM_VIEWER, { filter: { recommendationCategories: ['iacvulnerabilities'] }, limit: 50 }).items;
    expect(rows.length).toBe(8);
    for (const row of rows) {
      const details = engine.details(SYSTEM_VIEWER, row.assessmentId);
      expect(details?.iacRuleId).toMatch(/^IAC-/);
      // Renamed beyond recognition, the recommendation still finds its rule.
      const target = ruleForRecommendation('IaC: renamed', details?.recommendationCategory, details?.iacRuleId);
      expect({ id: details?.iacRuleId, kind: target.kind }).toEqual({ id: details?.iacRuleId, kind: 'rule' });
    }
  });
});

describe('IaC rule id on the details card', () => {
  it('shows the rule id the data carries on an IaC finding, and no row for other recommendations', async () => {
    const engine = await loadDemoEngine();
    const [iac] = engine.search(SYSTEM_VIEWER, { filter: { recommendationCategories: ['iacvulnerabilities'] }, limit: 1 }).items;
    const [other] = engine.search(SYSTEM_VIEWER, { filter: { recommendationCategories: ['softwareupdate'] }, limit: 1 }).items;
    const rows = (id: string) => {
      const details = engine.details(SYSTEM_VIEWER, id);
      if (!details) throw new Error(`no details for ${id}`);
      return buildDetailsView(details, true).recommendation;
    };
    expect(rows(iac?.assessmentId ?? '')).toContainEqual({ label: 'IaC rule', value: expect.stringMatching(/^IAC-/) });
    expect(rows(other?.assessmentId ?? '').map((r) => r.label)).not.toContain('IaC rule');
  });
});
