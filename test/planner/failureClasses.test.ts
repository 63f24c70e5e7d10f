// Classes of planner failure found with SOC-analyst phrasings (issue 11), each on a small fake tenant so the rule,
// not the demo data, is what passes: destructive and code-writing requests are declined, thanks followed by praise
// is thanks, "riskiest <resource type>" ranks resources, "how many CVEs" counts CVEs, and a recommendation subject
// may include a resource type's word ("disk encryption").
import { createFakeVocabulary } from './support/fakeVocabulary';
import { planWith } from './support/planWith';

const tenant = createFakeVocabulary({
  resourceName: ['vm-web-01', 'stweb01'],
  recommendation: ['Virtual machines should encrypt temp disks, caches, and data flows', 'Disk encryption should be applied on virtual machines', 'Storage accounts should prevent shared key access'],
  resourceType: ['microsoft.compute/virtualmachines', 'microsoft.compute/disks', 'microsoft.storage/storageaccounts'],
});
const VMS = ['microsoft.compute/virtualmachines'];

describe('planner failure classes', () => {
  it('declines requests to destroy or stop resources, whatever posture words they carry', () => {
    for (const message of ['delete all the storage accounts', 'please shut down vm-web-01', 'can you terminate the critical VMs', 'wipe stweb01']) {
      expect({ message, plan: planWith(tenant, message) }).toEqual({ message, plan: { name: 'outOfScope', parameters: { reason: 'notPosture' } } });
    }
    // Words about deletions in the data stay questions.
    expect(planWith(tenant, 'what was deleted in the last 3 days').name).toBe('changes');
  });

  it('declines writing infrastructure code from scratch, but still fixes IaC findings', () => {
    expect(planWith(tenant, 'Generate a terraform module for a storage account').name).toBe('outOfScope');
    expect(planWith(tenant, 'could you write a bicep template for a VM').name).toBe('outOfScope');
    expect(planWith(tenant, 'fix the terraform findings for storage').name).toBe('iacFindings');
  });

  it('reads thanks followed by praise as thanks, not a greeting', () => {
    for (const message of ['thank you, great', 'thanks that is really helpful', 'cheers, very useful']) {
      expect({ message, plan: planWith(tenant, message) }).toEqual({ message, plan: { name: 'smallTalk', parameters: { kind: 'thanks' } } });
    }
  });

  it('ranks resources for "riskiest" with a resource type as the unit', () => {
    expect(planWith(tenant, 'top 3 riskiest VMs')).toEqual({ name: 'resources', parameters: { filter: { resourceTypes: VMS }, limit: 3 } });
    // Recommendation words keep it a recommendation list.
    expect(planWith(tenant, 'top 3 critical risks on VMs').name).toBe('analyze');
  });

  it('counts CVEs for "how many CVEs", and keeps "how many resources have critical CVEs" a recommendation count', () => {
    expect(planWith(tenant, 'how many CVEs do we have')).toEqual({ name: 'vulnerabilities', parameters: {} });
    expect(planWith(tenant, 'how many VMs have critical CVEs').name).toBe('analyze');
  });

  it('lets a subject found in the recommendation names take a resource type word beside loose words', () => {
    expect(planWith(tenant, 'VMs missing disk encryption')).toMatchObject({ name: 'analyze', parameters: { filter: { resourceTypes: VMS, recommendationText: 'disk encryption' } } });
    // Alone, the type word stays a type.
    expect(planWith(tenant, 'show disk recommendations')).toMatchObject({ name: 'analyze', parameters: { filter: { resourceTypes: ['microsoft.compute/disks'] } } });
  });
});

describe('words that name Object.prototype members', () => {
  // A planner table looked up by a typed word must not find "constructor", "toString" or "__proto__" on the prototype:
  // "constructor risk" threw (a function where a level word was expected), and "affected by constructor" planned a
  // CVE list holding null.
  const names = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', '__defineGetter__', 'isPrototypeOf'];
  it.each(names)('"%s" in level, CVE and list phrasings plans like any unknown word', (word) => {
    for (const message of [`${word} risk recommendations`, `${word} sev items`, `which resources are affected by ${word}`, `show ${word} vulnerabilities`, `${word}`]) {
      const plan = planWith(tenant, message);
      expect({ message, plan: JSON.stringify(plan) }).not.toEqual({ message, plan: expect.stringMatching(/null|function|\[native code\]/) });
      expect({ message, cves: (plan.parameters as { cves?: unknown[] }).cves }).toEqual({ message, cves: undefined });
    }
  });
});
