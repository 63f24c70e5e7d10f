// The delegate skill as a module: draft an email to a recommendation's owner, send it once the requester presses
// Send, record the owner and due date, and follow the delegation until fresh posture data shows the fix.
import { resolveTarget } from '../../actions/contracts/target';
import type { SkillModule } from '../../actions/skillModule';
import type { Mailer } from '../../mail/mailMessage';
import type { PostureEngine } from '../../posture/engine';
import type { OverlayChange } from '../../posture/model';
import { createCatalog } from '../../posture/catalog/catalog';
import { createKnowledgeBase } from '../../remediation/knowledge/knowledgeBase';
import { createRemediation } from '../../remediation/remediation';
import type { RecordsStore } from '../../storage/recordsStore';
import type { Reply } from '../../views/reply';
import type { ArmWrites } from '../../access/armWrites';
import { createDelegateAction } from './delegateAction';
import { createBulkDelegationActions } from './bulkDelegation';
import { createDelegationRecords } from './delegationRecords';
import type { ContainerTags } from './ownerResolution';
import { createTrackingActions } from './tracking';
import { createContactBook, type ContactBook } from '../../contacts/contactBook';
import { createOwnerActions, type DelegationMessenger } from './ownerActions';
import { createOwnerWriteBacks } from './ownerWriteBacks';

export interface DelegationDeps {
  records: RecordsStore;
  mailer: Mailer;
  mailFrom: string;
  ownerTagNames: readonly string[];
  /** Resource group and subscription tags, where the data has them. */
  containers?: ContainerTags;
  /** The owner's card in Teams and news to the delegator; absent: email only. */
  teams?: { contacts: ContactBook; messenger: DelegationMessenger; onError?(error: unknown): void };
  now?: () => number;
}

export interface DelegateDeps {
  posture: { current(): PostureEngine; applyChange(change: OverlayChange): Promise<void>; info?(): { loadedAt: number; live?: boolean } };
  /** Governance assignments written to Defender (src/access/armWrites.ts), only while the data is the live Azure source. */
  armWrites?: ArmWrites;
  /** Absent: the bot cannot delegate (no store or mailer given), and the module adds no actions. */
  delegation?: DelegationDeps;
}

export const delegateModule: SkillModule<DelegateDeps, Reply> = {
  name: 'delegate',
  help: [
    {
      title: 'Delegate to the owner',
      description: 'Draft an email to the owner of a recommendation (or one per owner for a list: "delegate these to their owners"), edit and send it, and follow it until fresh data shows the fix ("what have I delegated?").',
      canDo: 'email its owner a fix request and track it to a verified fix',
      samples: [],
    },
  ],
  templates: ['confirmation', 'delegationOwner', 'delegationGroup'],
  create: ({ posture, delegation, armWrites }) => {
    if (!delegation) return { actions: [], cardVerbs: [] };
    const catalog = createCatalog();
    const knowledge = createKnowledgeBase({ displayNameOf: (key) => catalog.byKey(key)?.displayName });
    const delegations = createDelegationRecords(delegation.records);
    const now = delegation.now ?? Date.now;
    const delegateOptions = {
      posture,
      delegations,
      mailer: delegation.mailer,
      mailFrom: delegation.mailFrom,
      ownerTagNames: delegation.ownerTagNames,
      // Resource group, then subscription tags, from the data's resourcecontainers rows unless given.
      containers: delegation.containers ?? {
        resourceGroup: (subscriptionId, resourceGroup) => posture.current().containerTags?.(subscriptionId, resourceGroup),
        subscription: (subscriptionId) => posture.current().containerTags?.(subscriptionId),
      },
      knowledge,
      remediation: createRemediation({ knowledge }),
      resolveTarget,
      ...(delegation.teams ? { teams: delegation.teams } : {}),
      armWrites: () => (posture.info?.().live ? armWrites : undefined),
      now,
    };
    const delegate = createDelegateAction(delegateOptions);
    const bulk = createBulkDelegationActions(delegateOptions);
    const trackingPosture = { current: posture.current, info: () => ({ loadedAt: posture.info?.().loadedAt ?? 0 }) };
    // Without a Teams sender the owner is reached by email only; cards already sent still work (contacts are records).
    const contacts = delegation.teams?.contacts ?? createContactBook(delegation.records);
    const tracking = createTrackingActions({ posture: trackingPosture, delegations, contacts, now });
    const owner = createOwnerActions({
      delegations,
      contacts,
      posture: trackingPosture,
      recordGovernance: (change) => posture.applyChange(change),
      writeBack: createOwnerWriteBacks({ armWrites: delegateOptions.armWrites, engine: posture.current }),
      mail: { mailer: delegation.mailer, from: delegation.mailFrom },
      now,
      ...(delegation.teams ? { messenger: delegation.teams.messenger } : {}),
      ...(delegation.teams?.onError ? { onError: delegation.teams.onError } : {}),
    });
    return { actions: [delegate as unknown as (typeof tracking)[number], bulk.bulk as unknown as (typeof tracking)[number], bulk.group as unknown as (typeof tracking)[number], ...tracking, owner.action as unknown as (typeof tracking)[number]], cardVerbs: [owner.verb] };
  },
};
