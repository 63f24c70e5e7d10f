// `applyFix`: the portal's "Run", as a confirmed side effect. Offered only for fixes the bot may apply (never one
// that opens network access or destroys data: the fix schema refuses `appliable` for those). The data is an
// export or the demo tenant, so the fix is simulated: the recommendation turns Healthy in the bot's posture state
// (kept across restarts by the holder), and the card and the answer say that Azure itself was not changed.
import { z } from 'zod';
import { requireTarget, type TargetParams, type TargetResolution } from '../../actions/contracts/target';
import { applyFixParamsSchema } from '../../actions/contracts/remediate';
import type { ActionContext, SideEffectActionDefinition } from '../../actions/registry';
import { AppError } from '../../errors/appError';
import type { PostureEngine } from '../../posture/engine';
import type { OverlayChange } from '../../posture/model';
import type { Remediation } from '../../remediation/remediation';
import type { Reply } from '../../views/reply';

export const applyFixEffectSchema = z
  .object({
    assessmentId: z.string().min(1).max(2000),
    fixId: z.string().min(1).max(100),
    /** The change as the card said it. */
    sentence: z.string().min(1).max(1000),
  })
  .strict();
type Effect = z.infer<typeof applyFixEffectSchema>;

/** The status cause a simulated fix records: undoFix takes back only changes with it. */
export const SIMULATED_CAUSE = 'SimulatedFix';

/** Said on the card and in the answer: nothing outside the bot changes. */
export const SIMULATED_NOTE = 'Simulated: this is the demo tenant, so the bot records the recommendation as Healthy in its own posture state. Azure is not changed; run the script to change the resource itself.';

export interface ApplyFixOptions {
  posture: { current(): PostureEngine; applyChange(change: OverlayChange): Promise<void> };
  remediation: Remediation;
  resolveTarget(context: ActionContext<Reply>, params: TargetParams): TargetResolution;
  /** True on the embedded demo tenant, the only data a fix is simulated on. */
  canSimulate(): boolean;
  now?: () => number;
}

export function createApplyFixAction(options: ApplyFixOptions): SideEffectActionDefinition<typeof applyFixParamsSchema, typeof applyFixEffectSchema, Reply> {
  const now = options.now ?? Date.now;
  return {
    name: 'applyFix',
    description: 'Apply the scripted fix of one recommendation (simulated on exports and the demo tenant), after the requester confirms on a card.',
    parameters: applyFixParamsSchema,
    sideEffects: true,
    effect: applyFixEffectSchema,
    async propose(params, context) {
      if (!options.canSimulate()) throw new AppError('BAD_REQUEST', 'A fix can only be simulated on the demo tenant. Run the script to fix the resource in Azure; the next data refresh shows it.');
      const engine = options.posture.current();
      const details = requireTarget(options.resolveTarget(context, params), (id) => engine.details(context.viewer, id));
      if (details.status !== 'Unhealthy') throw new AppError('BAD_REQUEST', `"${details.displayName}" is already ${details.status === 'Healthy' ? 'healthy' : 'not applicable'} on ${details.resourceName}: nothing to apply.`);
      const lookup = options.remediation.fixFor(details.key, details.resourceId);
      if (lookup.status !== 'fix') throw new AppError('BAD_REQUEST', 'There is no fix the bot can apply for this one. Ask "how do I fix this?" for the steps.');
      const change = options.remediation.describeChange(lookup.fix);
      if (!change.appliable) throw new AppError('BAD_REQUEST', `The bot does not apply this fix: ${change.notAppliableReason ?? 'a person must decide'}. Run the script yourself.`);
      const effect: Effect = { assessmentId: details.assessmentId, fixId: lookup.fix.definition.id, sentence: change.sentence };
      return {
        effect,
        target: details.assessmentId,
        card: {
          title: 'Apply fix',
          intro: SIMULATED_NOTE,
          facts: [
            { label: 'Recommendation', value: details.displayName },
            { label: 'Resource', value: `${change.resourceName} (${change.resourceLabel})` },
            { label: 'Where', value: change.location },
          ],
          changes: [change.sentence, change.impact],
          inputs: [],
          confirmLabel: 'Apply',
        },
      };
    },
    async perform(effect, context) {
      const details = options.posture.current().details(context.viewer, effect.assessmentId);
      if (!details) throw new AppError('NOT_FOUND', 'That recommendation is no longer in the data.');
      // Applying twice leaves the same state: a second run finds it healthy and changes nothing more.
      if (details.status === 'Healthy') return { text: `"${details.displayName}" on ${details.resourceName} is already healthy: nothing applied.` };
      await options.posture.applyChange({
        kind: 'status',
        assessmentId: effect.assessmentId,
        status: 'Healthy',
        at: now(),
        by: context.confirmedBy.name ?? context.confirmedBy.id,
        cause: SIMULATED_CAUSE,
        note: `Simulated fix ${effect.fixId}: ${effect.sentence}`.slice(0, 1000),
      });
      return { text: `Simulated fix applied: ${effect.sentence} "${details.displayName}" is now Healthy in the bot's posture state; Azure was not changed. Say "undo the fix" to take it back.` };
    },
  };
}
