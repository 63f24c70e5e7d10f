// `assignOwner`: record an owner and a due date for one recommendation. A side effect: the card that proposes it
// shows the recommendation, the current owner and editable owner and due-date fields; the press confirms it.
import { z } from 'zod';
import { assignOwnerParamsSchema } from '../../actions/contracts/assign';
import type { ActionContext, SideEffectActionDefinition } from '../../actions/registry';
import { AppError } from '../../errors/appError';
import type { PostureEngine, RecommendationDetails } from '../../posture/engine';
import type { OverlayChange } from '../../posture/model';
import type { ConfirmationContent } from '../../views/confirmationView';
import type { Reply } from '../../views/reply';
import { NO_OWNER, displayDate } from '../../views/postureLabels';
import { requireTarget, type TargetParams, type TargetResolution } from '../../actions/contracts/target';
import { dueDateProblem, parseDateInput, suggestedDueDate, toDateInput } from '../../actions/dueDate';
import { isEmailAddress } from '../../mail/emailAddress';
import { governanceAssignmentWrite, type ArmWrites } from '../../access/armWrites';

/** What this skill needs of the posture holder: the current data, and a way to change it that later answers see. */
export interface PostureChanges {
  current(): PostureEngine;
  applyChange(change: OverlayChange): Promise<void>;
}

/** Tags whose whole value, when it is one address, names the resource's owner (first match wins). */
export const OWNER_TAG_NAMES = ['owner', 'Owner', 'owner-email'];

export const assignOwnerEffectSchema = z
  .object({
    assessmentId: z.string().min(1).max(2000),
    owner: z.string().max(254),
    /** YYYY-MM-DD */
    dueDate: z.string().max(10),
  })
  .strict();
type Effect = z.infer<typeof assignOwnerEffectSchema>;

export interface AssignOwnerOptions {
  posture: PostureChanges;
  resolveTarget(context: ActionContext<Reply>, params: TargetParams): TargetResolution;
  /** On the live Azure source: the owner and date are written to Defender as a governance assignment first. */
  armWrites?: () => ArmWrites | undefined;
  now?: () => number;
}

function ownerFromTags(tags: Record<string, string>): string | undefined {
  const lower = new Map(Object.entries(tags).map(([k, v]) => [k.toLowerCase(), v.trim()]));
  for (const name of OWNER_TAG_NAMES) {
    const value = tags[name]?.trim() ?? lower.get(name.toLowerCase());
    if (value && isEmailAddress(value)) return value;
  }
  return undefined;
}

function card(details: RecommendationDetails, effect: Effect): ConfirmationContent {
  const current = details.owner ? `${details.owner}${details.dueDate ? `, due ${displayDate(details.dueDate)}` : ''}` : NO_OWNER;
  return {
    title: 'Set owner and due date',
    intro: 'Check the owner and the due date, change them if needed, then confirm. The bot records them for this recommendation; later answers and reminders use them.',
    facts: [
      { label: 'Recommendation', value: details.displayName },
      { label: 'Resource', value: details.resourceName },
      ...(details.subscriptionName || details.subscriptionId ? [{ label: 'Subscription', value: details.subscriptionName ?? details.subscriptionId ?? '' }] : []),
      { label: 'Now', value: current },
    ],
    changes: ['The owner becomes the address below.', 'The due date becomes the date below.'],
    inputs: [
      { id: 'owner', label: 'Owner (e-mail address)', kind: 'email', value: effect.owner, placeholder: 'name@example.com', required: true, maxLength: 254 },
      { id: 'dueDate', label: 'Due date', kind: 'date', value: effect.dueDate, required: true, maxLength: 10 },
    ],
    confirmLabel: 'Confirm',
  };
}

export function createAssignOwnerAction(options: AssignOwnerOptions): SideEffectActionDefinition<typeof assignOwnerParamsSchema, typeof assignOwnerEffectSchema, Reply> {
  const now = options.now ?? Date.now;
  return {
    name: 'assignOwner',
    description: 'Record an owner and a due date for one recommendation (asks the requester to confirm on a card).',
    parameters: assignOwnerParamsSchema,
    sideEffects: true,
    effect: assignOwnerEffectSchema,
    async propose(params, context) {
      const engine = options.posture.current();
      const details = requireTarget(options.resolveTarget(context, params), (id) => engine.details(context.viewer, id));
      const owner = details.owner && isEmailAddress(details.owner) ? details.owner : (ownerFromTags(details.tags) ?? '');
      const dueDate = toDateInput(details.dueDate ?? suggestedDueDate(details.severity, now()));
      const effect: Effect = { assessmentId: details.assessmentId, owner, dueDate };
      const content = card(details, effect);
      const writes = options.armWrites?.();
      if (writes) {
        content.facts.push({ label: 'Runs as', value: writes.actsAs(context.viewer) });
        content.changes.push('Both are written to Defender in Azure as a governance assignment.');
      }
      return { effect, target: details.assessmentId, card: content };
    },
    withInputs(effect, inputs) {
      const owner = (inputs.owner ?? effect.owner).trim();
      const dueDate = (inputs.dueDate ?? effect.dueDate).trim();
      if (!isEmailAddress(owner)) throw new AppError('BAD_REQUEST', 'The owner must be one e-mail address, like name@example.com.');
      const due = parseDateInput(dueDate);
      if (due === undefined) throw new AppError('BAD_REQUEST', 'The due date must be a date, like 2027-01-31.');
      const problem = dueDateProblem(due, now());
      if (problem) throw new AppError('BAD_REQUEST', problem);
      return { ...effect, owner, dueDate };
    },
    async perform(effect, context) {
      const due = parseDateInput(effect.dueDate);
      if (due === undefined || !isEmailAddress(effect.owner)) throw new AppError('BAD_REQUEST', 'The owner or due date is not valid.');
      // Setting the same owner and date twice leaves the same state: a re-run after a crash changes nothing more.
      // Azure first (an idempotent PUT): a refusal records nothing.
      const writes = options.armWrites?.();
      if (writes) {
        await writes.write(context.viewer, governanceAssignmentWrite(effect.assessmentId, { owner: effect.owner, dueDate: due, isGracePeriod: false }, 'the subscription that holds this resource'));
      }
      await options.posture.applyChange({ kind: 'governance', assessmentId: effect.assessmentId, owner: effect.owner, dueDate: due, at: now(), by: context.confirmedBy.name ?? context.confirmedBy.id });
      return { text: `Owner set to ${effect.owner}, due ${displayDate(due)}.` };
    },
  };
}
