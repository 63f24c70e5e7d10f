// An administrator's consent to send posture data to the configured language model, in chat: "allow the language
// model" and "stop using the language model" propose the decision on a confirmation card that names the model, the
// endpoint and exactly what is sent; the press records it for the tenant (src/llmPlanner/modelConsent.ts).
// "model status" tells anyone which model answers and who decided. Only admins (ADMIN_OBJECT_IDS) may decide.
import { z } from 'zod';
import type { ActionContext, ReadActionDefinition, SideEffectActionDefinition } from '../actions/registry';
import { AppError } from '../errors/appError';
import { CONSENT_CACHE_MS, describeTarget, sameTarget, tenantKey, type ModelConsent, type ModelConsentRecord, type ModelTarget } from '../llmPlanner/modelConsent';
import type { ConfirmationContent } from '../views/confirmationView';
import type { Reply } from '../views/reply';
import type { Admins } from './admins';

export const NOT_ADMIN_CONSENT_TEXT = "Only the bot's administrators can allow or stop sending posture data to the language model. Ask your Teams administrator.";
export const NO_MODEL_TEXT = 'No language model is configured: the built-in planner answers every message and nothing is sent to a model. The operator configures one with the OPENAI_* or AZURE_OPENAI_* settings.';

/** What reaches the model once allowed, one line each (src/llmPlanner/promptBuilder.ts and llmPlanner.ts send it). */
export const SENT_WITH_CONSENT: readonly string[] = [
  'Each message a person types to the bot (at most 2,000 characters).',
  "This conversation's short history: earlier messages and which bot actions answered them (at most 10 turns).",
  'The list on screen: its size and its filter (for example subscriptions, resource groups, names or tags it was filtered by).',
  'Names from the posture data that a message mentions (resources, resource groups, subscriptions, recommendations; at most 6 kinds with 3 names each), marked as untrusted data.',
  "The names and parameters of the bot's actions.",
  'Never sent: the posture data as a whole, the rows behind a card, scripts, or any key or token.',
];

const noParameters = z.object({}).strict();
const targetSchema = z.object({ service: z.string().max(100), endpoint: z.string().max(300), model: z.string().max(200) }).strict();
export const modelConsentEffectSchema = z.object({ tenant: z.string().min(1).max(200), allowed: z.boolean(), target: targetSchema }).strict();
type Effect = z.infer<typeof modelConsentEffectSchema>;

export interface ModelConsentActionDeps {
  consent: ModelConsent;
  admins: Admins;
  now?: () => number;
}

const when = (at: number) => `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const decidedBy = (record: ModelConsentRecord) => `${record.byName?.trim() || 'an administrator'} on ${when(record.at)}`;

function targetFacts(target: ModelTarget) {
  return [
    { label: 'Model', value: target.model },
    { label: 'Service', value: target.service },
    { label: 'Endpoint', value: target.endpoint },
  ];
}

async function nowFact(consent: ModelConsent, tenantId: string | undefined) {
  const state = await consent.state(tenantId);
  const value = state.allowed
    ? state.source === 'setting'
      ? 'Allowed by the operator setting LLM_DATA_CONSENT=true'
      : `Allowed by ${decidedBy(state.record)}`
    : state.record
      ? state.record.allowed
        ? `Allowed by ${decidedBy(state.record)} for another model (${describeTarget(state.record.target)})`
        : `Stopped by ${decidedBy(state.record)}`
      : 'Not allowed yet';
  return { label: 'Now', value };
}

function decisionAction(allowed: boolean, deps: ModelConsentActionDeps): SideEffectActionDefinition<typeof noParameters, typeof modelConsentEffectSchema, Reply> {
  const now = deps.now ?? Date.now;
  const requireAdmin = (context: ActionContext<Reply>) => {
    if (!deps.admins.isAdmin(context.actor)) throw new AppError('BAD_REQUEST', NOT_ADMIN_CONSENT_TEXT);
  };
  return {
    name: allowed ? 'allowModel' : 'stopModel',
    description: allowed
      ? 'An administrator allows sending posture data to the configured language model (asks to confirm on a card).'
      : 'An administrator stops sending posture data to the configured language model (asks to confirm on a card).',
    parameters: noParameters,
    sideEffects: true,
    effect: modelConsentEffectSchema,
    async propose(_params, context) {
      requireAdmin(context);
      const target = deps.consent.target;
      if (!target) throw new AppError('BAD_REQUEST', NO_MODEL_TEXT);
      const tenant = tenantKey(context.viewer.tenantId);
      const facts = [...targetFacts(target), { label: 'Organisation (tenant)', value: tenant }, await nowFact(deps.consent, context.viewer.tenantId)];
      const override = deps.consent.setting ? ['The operator setting LLM_DATA_CONSENT=true still allows the model until it is removed; this decision applies once it is.'] : [];
      const card: ConfirmationContent = allowed
        ? {
            title: 'Allow the language model',
            intro: `From your confirmation on, the bot sends what is listed below to ${target.model} at ${target.endpoint} when it plans an answer, for everyone in this organisation. An administrator can stop it at any time with "stop using the language model".`,
            facts,
            changes: [...SENT_WITH_CONSENT, ...override],
            inputs: [],
            confirmLabel: 'Confirm',
          }
        : {
            title: 'Stop using the language model',
            intro: `From your confirmation on, nothing more is sent to ${target.model} at ${target.endpoint} for this organisation.`,
            facts,
            changes: ['The language model keeps picking actions from each message and the list of actions only: no names, lists, filters or results from the posture data.', 'People are told once that no posture data reaches the model.', 'An administrator can allow it again with "allow the language model".', ...override],
            inputs: [],
            confirmLabel: 'Confirm',
          };
      return { effect: { tenant, allowed, target }, target: `model-consent:${tenant}`, card };
    },
    async perform(effect, context) {
      requireAdmin(context);
      const target = deps.consent.target;
      // A card confirmed after the bot was pointed at another model would consent to a model nobody was shown.
      if (!target || !sameTarget(target, effect.target)) throw new AppError('BAD_REQUEST', `The configured language model changed since this card was shown (it named ${describeTarget(effect.target)}). Nothing was recorded: ask again for a fresh card.`);
      const by = context.confirmedBy;
      await deps.consent.decide(context.viewer.tenantId, { allowed, by: by.id, ...(by.name ? { byName: by.name } : {}), at: now() });
      const text = allowed
        ? `Recorded: posture data may be sent to ${describeTarget(target)} for this organisation. The language model plans the next messages (every server within ${Math.round(CONSENT_CACHE_MS / 1000)} seconds).`
        : `Recorded: no more posture data is sent to ${describeTarget(target)} for this organisation. It picks actions from the messages and the list of actions only from now on.`;
      return { text };
    },
  };
}

export const createAllowModelAction = (deps: ModelConsentActionDeps) => decisionAction(true, deps);
export const createStopModelAction = (deps: ModelConsentActionDeps) => decisionAction(false, deps);

export function createModelStatusAction(deps: ModelConsentActionDeps): ReadActionDefinition<typeof noParameters, Reply> {
  return {
    name: 'modelStatus',
    description: 'Says which language model answers, if any, and whether posture data may be sent to it (and who decided).',
    parameters: noParameters,
    sideEffects: false,
    async handler(_params, context) {
      const target = deps.consent.target;
      if (!target) {
        await context.reply({ kind: 'text', text: NO_MODEL_TEXT });
        return;
      }
      const state = await deps.consent.state(context.viewer.tenantId);
      const lines = [`Language model: ${describeTarget(target)}.`];
      if (state.allowed && state.source === 'setting') lines.push('Posture data to it: allowed by the operator setting LLM_DATA_CONSENT=true, whatever is decided in chat.');
      else if (state.allowed) lines.push(`Posture data to it: allowed by ${decidedBy(state.record)}. It plans the answers; the built-in planner answers when it cannot.`);
      else {
        const record = state.record;
        lines.push(
          !record
            ? 'Posture data to it: not allowed yet, so it picks actions from each message and the list of actions only; no posture data or results are sent to it.'
            : record.allowed
              ? `Posture data to it: not allowed. ${decidedBy(record)} allowed another model (${describeTarget(record.target)}), so it gets no posture data or results.`
              : `Posture data to it: stopped by ${decidedBy(record)}, so it picks actions from each message and the list of actions only.`,
        );
        lines.push(deps.admins.isAdmin(context.actor) ? 'You are an administrator: say "allow the language model" to see exactly what would be sent and confirm it.' : 'An administrator can allow it with "allow the language model".');
      }
      await context.reply({ kind: 'text', text: lines.join(' ') });
    },
  };
}
