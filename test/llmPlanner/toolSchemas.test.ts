// The model's tools are the registry's actions with JSON Schemas generated from the registry's own zod schemas:
// the two stay equal, a newly registered action becomes a tool, and button-only actions are never offered.
import { z } from 'zod';
import { createActionRegistry } from '../../src/actions/registry';
import { registerConfirmationFlow } from '../../src/app';
import { createAdmins } from '../../src/account/admins';
import { createAllowModelAction, createStopModelAction } from '../../src/account/modelConsentActions';
import { createModelConsent } from '../../src/llmPlanner/modelConsent';
import { createSilentLogger } from '../../src/logging/logger';
import { CARD_ONLY_ACTIONS, parametersSchemaOf, toolsOf } from '../../src/llmPlanner/toolSchemas';
import { RISK_LEVELS } from '../../src/posture/model';
import { GROUPINGS, OUT_OF_SCOPE_REASONS } from '../../src/actions/vocabularies';
import type { Reply } from '../../src/views/reply';
import { createMemoryRecordsStore } from '../posture/overlayMemoryStore';
import { moduleRegistry } from '../support/moduleRegistry';
import { loadDemoEngine } from '../planner/support/demoTenant';

type JsonSchema = { type?: string; properties?: Record<string, JsonSchema>; items?: JsonSchema; enum?: unknown[]; additionalProperties?: unknown; required?: string[] };

describe('tool schemas', () => {
  it('offers every registry action but the card-only ones, each with the schema of its zod parameters', async () => {
    const { registry, cardActions } = moduleRegistry(await loadDemoEngine());
    registerConfirmationFlow(registry, cardActions, { records: createMemoryRecordsStore(), logger: createSilentLogger() });
    // An admin's consent to the model is typed, never a tool: the model must not propose consent to itself.
    const consent = { consent: createModelConsent(createMemoryRecordsStore(), { setting: false, target: undefined }), admins: createAdmins([]) };
    registry.register(createAllowModelAction(consent));
    registry.register(createStopModelAction(consent));
    const names = registry.list().map((d) => d.name);
    for (const cardOnly of CARD_ONLY_ACTIONS) expect(names).toContain(cardOnly);
    const tools = toolsOf(registry);
    expect(tools.map((t) => t.function.name)).toEqual(names.filter((n) => !CARD_ONLY_ACTIONS.has(n)));
    for (const tool of tools) {
      const definition = registry.get(tool.function.name);
      expect(tool.function.parameters).toEqual(parametersSchemaOf(definition!));
      expect(tool.function.parameters).toMatchObject({ type: 'object' });
      expect(tool.function.description).toContain(definition!.description);
    }
  });

  it('carries the vocabularies: enums are the contract values, objects are closed', async () => {
    const { registry } = moduleRegistry(await loadDemoEngine());
    const byName = new Map(toolsOf(registry).map((t) => [t.function.name, t.function.parameters as JsonSchema]));
    const analyze = byName.get('analyze')!;
    expect(analyze.additionalProperties).toBe(false);
    expect(analyze.properties?.filter?.properties?.riskLevels?.items?.enum).toEqual([...RISK_LEVELS]);
    expect(analyze.properties?.groupBy?.enum).toEqual([...GROUPINGS]);
    expect(byName.get('outOfScope')?.properties?.reason?.enum).toEqual([...OUT_OF_SCOPE_REASONS]);
    // Side effects take ids only: no owner, address or target for a model to fill in.
    expect(Object.keys(byName.get('assignOwner')?.properties ?? {}).sort()).toEqual(['ordinal', 'ref']);
    expect(Object.keys(byName.get('applyFix')?.properties ?? {}).sort()).toEqual(['ordinal', 'ref']);
  });

  it('picks up a newly registered action with no change here', () => {
    const registry = createActionRegistry<Reply>();
    registry.register({ name: 'brandNewSkill', description: 'Does a new thing.', parameters: z.object({ level: z.enum(['a', 'b']).optional() }).strict(), sideEffects: false, handler: async () => undefined });
    expect(toolsOf(registry)).toEqual([
      { type: 'function', function: { name: 'brandNewSkill', description: 'Does a new thing.', parameters: { type: 'object', properties: { level: { type: 'string', enum: ['a', 'b'] } }, additionalProperties: false } } },
    ]);
  });
});
