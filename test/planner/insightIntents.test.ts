// The planner's reading of CVE, resource and attack path questions on a small fake tenant: what needs no data (CVE
// ids, cited nicknames, top N) and that without the engine's CVE lookup no leftover word becomes a CVE search.
import { CVE_NICKNAMES } from '../../src/planner/insightIntents';
import { createFakeVocabulary } from './support/fakeVocabulary';
import { planWith } from './support/planWith';

const tenant = createFakeVocabulary({ resourceName: ['jumpbox-01', 'web-prod-02'] });

describe('insight questions on a fake tenant', () => {
  it('reads CVE ids in any case, several at once', () => {
    expect(planWith(tenant, 'cve-2021-44228 and CVE-2014-0160?')).toEqual({ name: 'vulnerabilities', parameters: { cves: ['CVE-2021-44228', 'CVE-2014-0160'] } });
  });

  it('reads the cited nicknames, each with a source address', () => {
    for (const [name, entry] of Object.entries(CVE_NICKNAMES)) {
      expect(entry.source).toMatch(/^https:\/\/\S+$/);
      expect(planWith(tenant, `are we exposed to ${name}`)).toEqual({ name: 'vulnerabilities', parameters: { cves: [entry.cve] } });
    }
  });

  it('never turns a leftover word into a CVE search without the engine to check it', () => {
    expect(planWith(tenant, 'log4shell').name).not.toBe('vulnerabilities');
  });

  it('honours top N for resources and attack paths, and reads the resource after "for"', () => {
    expect(planWith(tenant, 'top 7 riskiest resources')).toEqual({ name: 'resources', parameters: { filter: {}, limit: 7 } });
    expect(planWith(tenant, 'show the top 2 attack paths')).toEqual({ name: 'attackPaths', parameters: { limit: 2 } });
    expect(planWith(tenant, 'attack paths to web-prod-02')).toEqual({ name: 'attackPaths', parameters: { resourceText: 'web-prod-02' } });
    expect(planWith(tenant, "what's wrong with jumpbox-01")).toEqual({ name: 'resources', parameters: { filter: { resourceText: 'jumpbox-01' }, limit: 1 } });
  });

  it('leaves requests to explain or fix to the remediate intents', () => {
    for (const message of ['how do I fix CVE-2021-44228', 'summarize the attack path for jumpbox-01', 'remediate cve-2021-44228', 'explain the top 5 riskiest resources']) {
      expect({ message, action: planWith(tenant, message).name }).not.toEqual({ message, action: expect.stringMatching(/^(vulnerabilities|resources|attackPaths)$/) });
    }
  });

  it('reads "by resource" as the resources card, and leaves "by resource type/group" to breakdowns', () => {
    expect(planWith(tenant, 'critical risks by resource')).toEqual({ name: 'resources', parameters: { filter: { riskLevels: ['Critical'] }, limit: 10 } });
    expect(planWith(tenant, 'break down by resource type').name).toBe('analyze');
  });

  it('keeps recommendation questions about attack paths and fixes as recommendation lists', () => {
    expect(planWith(tenant, 'how many recommendations have attack paths').name).toBe('analyze');
    expect(planWith(tenant, 'what has been fixed already').name).toBe('analyze');
    expect(planWith(tenant, 'show the top 5 recommendations').name).not.toBe('resources');
  });
});
