// Bulk delegation: "assign the storage findings in rg-web to their owners" or "delegate these to their owners" (the
// list on screen). The matching recommendations are grouped by owner, found as a single delegation finds it
// (governance assignment, resource tag, resource group tag, subscription tag), and each owner gets one draft: one
// email listing their items, reviewed and edited on its own card like the single draft. Items with no owner get a
// draft with an empty To that asks who should fix them. Send on a draft is that draft's confirmation; it records one
// delegation per recommendation. A turn drafts at most BULK_DELEGATION_LIMITS owners and items.
import { z } from 'zod';
import { ACTIVE_LIST_KEY, parseActiveList } from '../../actions/contracts/activeList';
import { BULK_DELEGATION_LIMITS, delegateOwnerGroupParamsSchema, delegateToOwnersParamsSchema } from '../../actions/contracts/delegate';
import { toPostureFilter } from '../../actions/contracts/postureFilter';
import { suggestedDueDate, toDateInput } from '../../actions/dueDate';
import type { ReadActionDefinition, SideEffectActionDefinition } from '../../actions/registry';
import { AppError } from '../../errors/appError';
import type { RecommendationDetails } from '../../posture/engine';
import type { ConfirmationContent } from '../../views/confirmationView';
import { withoutLinks } from '../../views/portalLinks';
import type { Reply } from '../../views/reply';
import { createDelivery, delegateEffectSchema, delegationIdOf, draftInputFields, draftWithInputs, type DelegateOptions } from './delegateAction';
import { draftGroupBody, draftGroupSubject } from './draft';
import { ownerSourceText, resolveOwner, type ResolvedOwner } from './ownerResolution';

const SEVERITY_RANK: Record<string, number> = { Critical: 0, High: 1, Medium: 2, Low: 3 };

const itemSchema = delegateEffectSchema.pick({ assessmentId: true, recommendation: true, resourceName: true, severity: true, riskLevel: true, portalLink: true });
export const delegateGroupEffectSchema = delegateEffectSchema
  .pick({ to: true, cc: true, subject: true, body: true, dueDate: true, gracePeriod: true, note: true, ticket: true })
  .extend({ items: z.array(itemSchema.strict()).min(1).max(BULK_DELEGATION_LIMITS.items) })
  .strict();
type GroupEffect = z.infer<typeof delegateGroupEffectSchema>;

/** One delegation id per recommendation of a confirmed group draft: stable for the confirmation, so a re-run finds them. */
const groupDelegationId = (idempotencyKey: string, index: number) => `${delegationIdOf(idempotencyKey)}_${index + 1}`;

function groupCard(effect: GroupEffect, owner: ResolvedOwner | undefined, tagNames: readonly string[]): ConfirmationContent {
  const shown = effect.items.slice(0, 10);
  return {
    title: owner ? `Delegate ${effect.items.length} to ${owner.address}` : `Delegate ${effect.items.length} with no owner`,
    intro: owner
      ? `One email to ${owner.address} (${ownerSourceText(owner)}) listing these recommendations. Review it, change anything, then press Send.`
      : `I found no owner for these: no governance assignment, and no ${tagNames.join(' / ')} tag holding one address on the resource, its group or its subscription. Who should get them? Type their address in To, then press Send.`,
    facts: [
      ...shown.map((item, i) => ({ label: `${i + 1}.`, value: `${item.recommendation} · ${item.resourceName} · ${item.riskLevel ? `risk ${item.riskLevel}` : item.severity}` })),
      ...(effect.items.length > shown.length ? [{ label: '…', value: `and ${effect.items.length - shown.length} more (all listed in the email)` }] : []),
    ],
    changes: [
      'One email below goes to the owner (To) and Cc.',
      `${effect.items.length} delegation${effect.items.length === 1 ? ' is' : 's are'} recorded, one per recommendation, with this owner and due date.`,
      'Each is tracked: it closes only when fresh posture data shows the fix.',
    ],
    inputs: draftInputFields(effect),
    confirmLabel: 'Send',
  };
}

export function createBulkDelegationActions(options: DelegateOptions): {
  bulk: ReadActionDefinition<typeof delegateToOwnersParamsSchema, Reply>;
  group: SideEffectActionDefinition<typeof delegateOwnerGroupParamsSchema, typeof delegateGroupEffectSchema, Reply>;
} {
  const now = options.now ?? Date.now;
  const deliver = createDelivery(options);
  const ownerOf = (details: RecommendationDetails) => resolveOwner(details, options.ownerTagNames, options.containers);
  const keyOf = (owner: ResolvedOwner | undefined) => owner?.address.toLowerCase() ?? '';

  const bulk: ReadActionDefinition<typeof delegateToOwnersParamsSchema, Reply> = {
    name: 'delegateToOwners',
    description: 'Group the recommendations matching a filter (or the list on screen) by owner and draft one email per owner, each reviewed and sent on its own card.',
    parameters: delegateToOwnersParamsSchema,
    sideEffects: false,
    async handler(params, context) {
      if (params.unusedWords?.length) {
        // A word that narrowed nothing ("rg-prod" where no such group is visible) must not widen the delegation.
        const words = params.unusedWords.map((w) => `"${withoutLinks(w)}"`).join(', ');
        await context.reply({ kind: 'text', text: `I could not place ${words} in the data you can see (no resource group, subscription, resource or recommendation by that name), so nothing was drafted. Check the name, or show the list first and say "delegate these to their owners".` });
        return;
      }
      const engine = options.posture.current();
      const list = parseActiveList(context.conversation.get(ACTIVE_LIST_KEY));
      const asked = params.filter && Object.keys(params.filter).length > 0 ? params.filter : list?.filter;
      if (!asked) {
        await context.reply({ kind: 'text', text: 'Which recommendations? Show a list first (for example "show the storage findings in rg-web"), then say "delegate these to their owners".' });
        return;
      }
      const { filter } = toPostureFilter(asked, engine.capabilities(context.viewer).hasRiskData, { now: now(), timeZone: context.viewer.timeZone });
      // Only Unhealthy items can be delegated, whatever the list showed.
      const limit = !params.filter && list?.limit ? list.limit : BULK_DELEGATION_LIMITS.items + 1;
      const found = engine.search(context.viewer, { filter: { ...filter, statuses: ['Unhealthy'] }, ...(list?.sort && !params.filter ? { sort: list.sort } : {}), limit });
      const total = Math.min(found.total, limit);
      if (total === 0) {
        await context.reply({ kind: 'text', text: 'Nothing to delegate: no unhealthy recommendation matches that.' });
        return;
      }
      if (total > BULK_DELEGATION_LIMITS.items) {
        await context.reply({ kind: 'text', text: `That matches ${found.total} recommendations; one request delegates at most ${BULK_DELEGATION_LIMITS.items}. Narrow it (a resource group, a resource type, a severity) and ask again. Nothing was drafted.` });
        return;
      }
      const groups = new Map<string, { owner: ResolvedOwner | undefined; ids: string[] }>();
      for (const row of found.items) {
        const details = engine.details(context.viewer, row.assessmentId);
        if (!details) continue;
        const owner = ownerOf(details);
        const group = groups.get(keyOf(owner)) ?? { owner, ids: [] };
        group.ids.push(row.assessmentId);
        groups.set(keyOf(owner), group);
      }
      const owned = [...groups.values()].filter((g) => g.owner);
      const unowned = groups.get('');
      if (owned.length > BULK_DELEGATION_LIMITS.owners) {
        await context.reply({ kind: 'text', text: `Those ${total} recommendations have ${owned.length} different owners; one request drafts emails for at most ${BULK_DELEGATION_LIMITS.owners}. Narrow it and ask again. Nothing was drafted.` });
        return;
      }
      const runAction = context.runAction;
      if (!runAction) throw new AppError('INTERNAL', undefined, { details: { reason: 'bulk delegation needs runAction' } });
      const parts = owned.map((g) => `${g.owner?.address} (${g.ids.length})`);
      await context.reply({
        kind: 'text',
        text: `${total} recommendation${total === 1 ? '' : 's'} to delegate: ${owned.length === 0 ? 'none has an owner' : `one draft per owner, ${parts.join(', ')}`}${unowned ? `; ${unowned.ids.length} with no owner, on a last draft that asks who should get them` : ''}. Nothing is sent until you press Send on a draft.`,
      });
      for (const group of [...owned, ...(unowned ? [unowned] : [])]) await runAction({ name: 'delegateOwnerGroup', parameters: { assessmentIds: group.ids } });
    },
  };

  const group: SideEffectActionDefinition<typeof delegateOwnerGroupParamsSchema, typeof delegateGroupEffectSchema, Reply> = {
    name: 'delegateOwnerGroup',
    description: 'One owner\'s draft email listing several recommendations (proposed by delegateToOwners).',
    parameters: delegateOwnerGroupParamsSchema,
    sideEffects: true,
    // Up to 200 records, an SMTP exchange and a Teams card: more than Teams waits for an invoke. Acknowledged at
    // once, finished in a proactive message.
    long: true,
    effect: delegateGroupEffectSchema,
    async propose(params, context) {
      const engine = options.posture.current();
      const ids = [...new Set(params.assessmentIds)];
      const details = ids.map((id) => engine.details(context.viewer, id));
      // Ids come from our own proposal, but are read again: an id the viewer cannot see, or one already fixed, is refused.
      if (details.some((d) => d === undefined || d.status !== 'Unhealthy')) throw new AppError('BAD_REQUEST', 'Some of those recommendations are no longer open or not visible to you. Ask again for fresh drafts.');
      const items = (details as RecommendationDetails[]).sort((a, b) => (SEVERITY_RANK[a.severity] ?? 9) - (SEVERITY_RANK[b.severity] ?? 9));
      const owners = new Set(items.map((d) => keyOf(ownerOf(d))));
      if (owners.size !== 1) throw new AppError('BAD_REQUEST', 'Those recommendations do not share one owner. Ask again for fresh drafts.');
      const owner = items[0] ? ownerOf(items[0]) : undefined;
      const worst = items[0]?.severity ?? 'Medium';
      const effect: GroupEffect = {
        to: owner?.address ?? '',
        cc: [],
        subject: draftGroupSubject(items.length),
        body: draftGroupBody(items),
        dueDate: toDateInput(suggestedDueDate(worst, now())),
        gracePeriod: false,
        note: '',
        items: items.map((d) => ({
          assessmentId: d.assessmentId,
          recommendation: withoutLinks(d.displayName).slice(0, 500),
          resourceName: d.resourceName.slice(0, 500),
          severity: d.severity,
          portalLink: '',
          ...(d.riskLevel ? { riskLevel: d.riskLevel } : {}),
        })),
      };
      return { effect, target: items[0]?.assessmentId ?? ids[0] ?? '', card: groupCard(effect, owner, options.ownerTagNames) };
    },
    withInputs(effect, inputs) {
      return draftWithInputs(effect, inputs, now());
    },
    async perform(effect, context) {
      const done = await deliver(effect.items.map((item, index) => ({ id: groupDelegationId(context.idempotencyKey, index), item })), { ...effect, portalLink: '' }, delegationIdOf(context.idempotencyKey), context);
      const cc = effect.cc.length > 0 ? ` (cc ${effect.cc.join(', ')})` : '';
      return { text: `Delegated ${effect.items.length} recommendation${effect.items.length === 1 ? '' : 's'} to ${effect.to}${cc}, due ${effect.dueDate}, in one email. ${done.mailText} ${effect.items.length} delegations are recorded, one per recommendation. ${done.cardText} Ask "what have I delegated?" to follow them.` };
    },
  };
  return { bulk, group };
}
