// `undoFix`: takes back a fix the bot simulated (applyFix on the demo tenant), as a confirmed side effect like the
// fix itself. The simulated change is deleted from the posture state, so the recommendation shows again what the
// data (or an earlier change made in chat) says: nothing is "re-broken", and Azure is not touched either way.
import { z } from 'zod';
import { requireTarget, type TargetParams, type TargetResolution } from '../../actions/contracts/target';
import { undoFixParamsSchema } from '../../actions/contracts/remediate';
import type { ActionContext, SideEffectActionDefinition } from '../../actions/registry';
import { AppError } from '../../errors/appError';
import type { PostureEngine } from '../../posture/engine';
import type { OverlayChange } from '../../posture/model';
import type { Reply } from '../../views/reply';
import { SIMULATED_CAUSE } from './applyFixAction';

export const undoFixEffectSchema = z.object({ assessmentId: z.string().min(1).max(2000) }).strict();

export interface UndoFixOptions {
  posture: { current(): PostureEngine; revertChange(assessmentId: string, matches: (change: OverlayChange) => boolean): Promise<OverlayChange | undefined> };
  resolveTarget(context: ActionContext<Reply>, params: TargetParams): TargetResolution;
}

const isSimulatedFix = (change: OverlayChange): boolean => change.kind === 'status' && change.cause === SIMULATED_CAUSE;

export function createUndoFixAction(options: UndoFixOptions): SideEffectActionDefinition<typeof undoFixParamsSchema, typeof undoFixEffectSchema, Reply> {
  return {
    name: 'undoFix',
    description: 'Take back a fix the bot simulated on the demo tenant, after the requester confirms on a card.',
    parameters: undoFixParamsSchema,
    sideEffects: true,
    effect: undoFixEffectSchema,
    async propose(params, context) {
      const engine = options.posture.current();
      const details = requireTarget(options.resolveTarget(context, params), (id) => engine.details(context.viewer, id));
      if (details.statusCause !== SIMULATED_CAUSE) {
        throw new AppError('BAD_REQUEST', `The bot has not applied a fix to "${details.displayName}" on ${details.resourceName}: there is nothing to undo.`);
      }
      return {
        effect: { assessmentId: details.assessmentId },
        target: details.assessmentId,
        card: {
          title: 'Undo simulated fix',
          intro: 'The simulated fix is taken back from the bot\'s posture state, so the recommendation shows what the data says again. Azure is not changed.',
          facts: [
            { label: 'Recommendation', value: details.displayName },
            { label: 'Resource', value: details.resourceName },
          ],
          changes: [`"${details.displayName}" returns to the status the data gives it (it was recorded as Healthy by the simulated fix).`],
          inputs: [],
          confirmLabel: 'Confirm',
        },
      };
    },
    async perform(effect, context) {
      const taken = await options.posture.revertChange(effect.assessmentId, isSimulatedFix);
      const details = options.posture.current().details(context.viewer, effect.assessmentId);
      const name = details ? `"${details.displayName}" on ${details.resourceName}` : 'That recommendation';
      // A second press, or another process undoing first, finds nothing left: the state is what was asked for.
      if (!taken) return { text: `${name} has no simulated fix left to undo: nothing changed.` };
      return { text: `Simulated fix undone. ${name} is ${details?.status === 'Unhealthy' ? 'Unhealthy' : (details?.status ?? 'back to its data')} again in the bot's posture state.` };
    },
  };
}
