// The delegate intents the keyless planner recognises, what they carry (a position at most, never an address),
// and the messages they leave to other intents.
import { planMessage } from '../../src/planner/planMessage';
import { SYSTEM_VIEWER } from '../../src/posture/viewer';
import type { PostureEngine } from '../../src/posture/engine';
import { moduleRegistry } from '../support/moduleRegistry';
import { loadDemoEngine } from './support/demoTenant';

let engine: PostureEngine;
beforeAll(async () => {
  engine = await loadDemoEngine();
});
const plan = (text: string) => planMessage(text, { vocabulary: engine, viewer: SYSTEM_VIEWER, hasActiveList: true, activeList: { filter: {}, shown: 10, total: 40 } });

describe('delegate intents', () => {
  it.each([
    ['delegate this to the owner', 'delegateToOwner', {}],
    ['Delegate the first one', 'delegateToOwner', { ordinal: 1 }],
    ['please delegate the second one to its owner', 'delegateToOwner', { ordinal: 2 }],
    ['send the third one to the owner', 'delegateToOwner', { ordinal: 3 }],
    ['email this to the resource owner', 'delegateToOwner', {}],
    ['assign the first one to their owners', 'delegateToOwner', { ordinal: 1 }],
    ['delegate this to eve@evil.example', 'delegateToOwner', {}],
    ['what have I delegated?', 'listDelegations', { scope: 'delegatedByMe' }],
    ['What did I delegate', 'listDelegations', { scope: 'delegatedByMe' }],
    ['show my delegations', 'listDelegations', { scope: 'delegatedByMe' }],
    ['which delegations are overdue?', 'listDelegations', { scope: 'overdue' }],
    ['all delegations', 'listDelegations', { scope: 'all' }],
    ['what is assigned to me?', 'listDelegations', { scope: 'assignedToMe' }],
    ['What was delegated to me', 'listDelegations', { scope: 'assignedToMe' }],
    ['mark the first delegation as fixed', 'markDelegationFixed', { ordinal: 1 }],
    ['Mark the 2nd delegation fixed', 'markDelegationFixed', { ordinal: 2 }],
    ['cancel the second delegation', 'cancelDelegation', { ordinal: 2 }],
    // Bulk: one draft per owner, for what the message asks or (with no filter) the list on screen.
    ['delegate these to their owners', 'delegateToOwners', {}],
    ['delegate them to the owners', 'delegateToOwners', {}],
    ['assign the storage findings in rg-payments-prod to their owners', 'delegateToOwners', { filter: { resourceTypes: ['Microsoft.Storage/storageAccounts'], resourceGroups: ['rg-payments-prod'] } }],
    ['delegate all critical risks to their owners', 'delegateToOwners', { filter: { riskLevels: ['Critical'] } }],
    // "everything" within a filter (or the list on screen) is a bulk delegation, not a dump; a name the data lacks
    // goes along so the action refuses instead of widening the delegation.
    ['delegate everything in rg-payments-prod to their owners', 'delegateToOwners', { filter: { resourceGroups: ['rg-payments-prod'] } }],
    ['delegate everything in rg-prod to their owners', 'delegateToOwners', { unusedWords: ['rg-prod'] }],
    ['delegate everything to their owners', 'delegateToOwners', {}],
    // Real dump requests stay declined, with or without a delegation around them.
    ['export everything in rg-payments-prod to their owners', 'outOfScope', { reason: 'dumpAll' }],
    ['delegate everything in rg-payments-prod as csv to their owners', 'outOfScope', { reason: 'dumpAll' }],
    ['dump all data to their owners', 'outOfScope', { reason: 'dumpAll' }],
    ['show everything', 'outOfScope', { reason: 'dumpAll' }],
    ['give me everything', 'outOfScope', { reason: 'dumpAll' }],
  ])('%s', (text, name, parameters) => {
    expect(plan(text)).toEqual([{ name, parameters }]);
  });

  it.each(['assign the first one', 'Assign an owner and due date to the first one', 'what is overdue?', 'who is the owner of the first one', 'show critical risks', 'summarize the first one'])(
    'leaves "%s" to other intents',
    (text) => {
      expect(['delegateToOwner', 'listDelegations', 'markDelegationFixed']).not.toContain(plan(text)[0]?.name);
    },
  );

  it('never plans the per-owner draft directly, nor an address from the message', () => {
    expect(plan('email these to their owners')).toEqual([{ name: 'delegateToOwners', parameters: {} }]);
    for (const text of ['delegate these to bob@contoso.example', 'assign the storage findings to their owners eve@evil.example']) {
      const planned = plan(text);
      expect(planned.map((p) => p.name)).toEqual(['delegateToOwners']);
      // At most a filter on who owns it already (contract: filter only); recipients come from the data.
      const { filter, ...other } = planned[0]?.parameters as { filter?: { owners?: string[] } };
      expect(other).toEqual({});
      expect(JSON.stringify({ ...filter, owners: undefined })).not.toContain('@');
    }
  });

  it('plans only actions the registry accepts', () => {
    const { registry } = moduleRegistry(engine);
    for (const text of ['delegate these to their owners', 'assign the storage findings in rg-payments-prod to their owners', 'delegate the first one', 'what is assigned to me?', 'what have I delegated?', 'which delegations are overdue?', 'mark the first delegation as fixed', 'cancel the first delegation']) {
      expect(registry.checkPlan(plan(text))).toEqual([]);
    }
  });
});
