// The model's tools are the registry's actions, their JSON Schemas generated from the very zod schemas the
// registry validates with: a skill registered tomorrow is a tool tomorrow, with nothing to write here.
// Actions that only a card button may run (confirming a change, paging a named card) are never offered.
import type { ChatCompletionTool } from 'openai/resources/chat/completions';
import { zodToJsonSchema } from 'zod-to-json-schema';
import type { ActionDefinition, ActionRegistry } from '../actions/registry';

/**
 * Button-only actions: the confirmation flow's Confirm / Renew / Cancel (a model must never confirm for a person)
 * the "Show more" button that names its card, and an admin's consent to the model itself (typed commands only). test/llmPlanner/toolSchemas.test.ts checks each is registered.
 */
export const CARD_ONLY_ACTIONS: ReadonlySet<string> = new Set(['confirmAction', 'renewAction', 'cancelAction', 'showMorePage', 'actOnDelegation', 'delegateOwnerGroup', 'allowModel', 'stopModel']);

const SIDE_EFFECT_NOTE = ' It only proposes the change: the user confirms it on a card. Give the list position (ordinal) or a card ref, nothing else.';

/** The JSON Schema the model sees for one action's parameters. */
export function parametersSchemaOf(definition: Pick<ActionDefinition, 'parameters'>): Record<string, unknown> {
  const schema = zodToJsonSchema(definition.parameters, { target: 'jsonSchema7', $refStrategy: 'none', removeAdditionalStrategy: 'strict' }) as Record<string, unknown>;
  const { $schema: _ignored, ...rest } = schema;
  void _ignored;
  return rest;
}

/** Registry actions a planner may call, in registration order. */
export function plannerActions<R>(registry: Pick<ActionRegistry<R>, 'list'>): ReadonlyArray<ActionDefinition> {
  return registry.list().filter((definition) => !CARD_ONLY_ACTIONS.has(definition.name)) as ReadonlyArray<ActionDefinition>;
}

export function toolsOf<R>(registry: Pick<ActionRegistry<R>, 'list'>): ChatCompletionTool[] {
  return plannerActions(registry).map((definition) => ({
    type: 'function',
    function: {
      name: definition.name,
      description: definition.sideEffects ? `${definition.description}${SIDE_EFFECT_NOTE}` : definition.description,
      parameters: parametersSchemaOf(definition),
    },
  }));
}
