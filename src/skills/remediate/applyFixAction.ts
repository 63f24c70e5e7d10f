// `applyFix`: the portal's "Run", as a confirmed side effect. Offered only for fixes the bot may apply (never one
// that opens network access or destroys data: the fix schema refuses `appliable` for those). On the demo tenant the
// fix is simulated: the recommendation turns Healthy in the bot's posture state (kept across restarts by the
// holder), and the card and the answer say that Azure itself was not changed. On the live Azure source, with Azure
// writes configured, the fix's own ARM request runs with the user's token (or the bot's, when the operator allows
// it), and the card says whose rights act; a refusal records nothing.
import type { ArmWrites } from '../../access/armWrites';
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
    /** Absent: simulated (cards proposed before live writes existed). */
    mode: z.enum(['simulated', 'azure']).optional(),
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
  /** Changes in Azure itself: present only on the live Azure source with writes configured. */
  armWrites?: () => ArmWrites | undefined;
  now?: () => number;
}

/** Said on the card when the fix runs in Azure itself. */
export const LIVE_NOTE = 'This changes the resource in Azure through Resource Manager. Defender shows the recommendation as healthy after its next check, and the bot after its next refresh.';

export function createApplyFixAction(options: ApplyFixOptions): SideEffectActionDefinition<typeof applyFixParamsSchema, typeof applyFixEffectSchema, Reply> {
  const now = options.now ?? Date.now;

  // The same definition, bound to the resource again (the card's text is not trusted to rebuild the request).
  async function applyInAzure(effect: Effect, details: { resourceId: string; resourceName: string; displayName: string }, context: ActionContext<Reply>): Promise<{ text: string }> {
    const writes = options.armWrites?.();
    if (!writes) throw new AppError('BAD_REQUEST', 'Applying fixes in Azure is no longer configured, so nothing was changed.');
    const bound = options.remediation.fixForDefinition(effect.fixId, details.resourceId);
    if (!bound.ok) throw new AppError('BAD_REQUEST', `That fix can no longer be applied to ${details.resourceName}: ${bound.reason}.`);
    const arm = options.remediation.renderScripts(bound.fix).arm;
    if (!arm) throw new AppError('BAD_REQUEST', 'That fix has no Resource Manager request, so the bot cannot apply it.');
    const label = bound.fix.definition.resourceLabel;
    await writes.write(context.viewer, { method: arm.method, url: arm.url, ...(arm.body === undefined ? {} : { body: arm.body }), needs: `a role that may change this ${label} (Contributor, or a narrower role with write access to it) on ${details.resourceName}` });
    const who = writes.identity === 'bot' ? "with the bot's identity" : 'with your own Azure rights';
    return { text: `Applied in Azure ${who}: ${effect.sentence} Defender shows "${details.displayName}" as healthy after its next check, and the bot after its next refresh.` };
  }

  return {
    name: 'applyFix',
    description: 'Apply the scripted fix of one recommendation (simulated on exports and the demo tenant), after the requester confirms on a card.',
    parameters: applyFixParamsSchema,
    sideEffects: true,
    effect: applyFixEffectSchema,
    async propose(params, context) {
      const writes = options.canSimulate() ? undefined : options.armWrites?.();
      if (!options.canSimulate() && !writes) throw new AppError('BAD_REQUEST', 'A fix can only be simulated on the demo tenant, or applied on the live Azure source with single sign-on (or AZURE_WRITES_AS_BOT=true). Run the script to fix the resource in Azure; the next data refresh shows it.');
      const engine = options.posture.current();
      const details = requireTarget(options.resolveTarget(context, params), (id) => engine.details(context.viewer, id));
      if (details.status !== 'Unhealthy') throw new AppError('BAD_REQUEST', `"${details.displayName}" is already ${details.status === 'Healthy' ? 'healthy' : 'not applicable'} on ${details.resourceName}: nothing to apply.`);
      const lookup = options.remediation.fixFor(details.key, details.resourceId);
      if (lookup.status !== 'fix') throw new AppError('BAD_REQUEST', 'There is no fix the bot can apply for this one. Ask "how do I fix this?" for the steps.');
      const change = options.remediation.describeChange(lookup.fix);
      if (!change.appliable) throw new AppError('BAD_REQUEST', `The bot does not apply this fix: ${change.notAppliableReason ?? 'a person must decide'}. Run the script yourself.`);
      if (writes && lookup.fix.target.cloud !== 'azure') throw new AppError('BAD_REQUEST', 'The bot applies fixes only through Azure Resource Manager; run the script with that cloud\'s own credentials.');
      const effect: Effect = { assessmentId: details.assessmentId, fixId: lookup.fix.definition.id, sentence: change.sentence, mode: writes ? 'azure' : 'simulated' };
      return {
        effect,
        target: details.assessmentId,
        card: {
          title: 'Apply fix',
          intro: writes ? LIVE_NOTE : SIMULATED_NOTE,
          facts: [
            { label: 'Recommendation', value: details.displayName },
            { label: 'Resource', value: `${change.resourceName} (${change.resourceLabel})` },
            { label: 'Where', value: change.location },
            ...(writes ? [{ label: 'Runs as', value: writes.actsAs(context.viewer) }] : []),
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
      if (effect.mode === 'azure') return applyInAzure(effect, details, context);
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
