// Registry actions for the answers above single recommendations (CVEs, resources, attack paths).
import type { z } from 'zod';
import { attackPathsParamsSchema, resourcesParamsSchema, vulnerabilitiesParamsSchema } from '../../actions/contracts/insights';
import type { ActionDefinition } from '../../actions/registry';
import type { Reply } from '../../views/reply';
import type { InsightsSkill } from './insightsSkill';

export function createInsightActions(skill: InsightsSkill): Array<ActionDefinition<z.ZodTypeAny, Reply>> {
  const actions: Array<ActionDefinition<z.ZodTypeAny, Reply>> = [];
  const add = <S extends z.ZodTypeAny>(definition: ActionDefinition<S, Reply>) => void actions.push(definition as unknown as ActionDefinition<z.ZodTypeAny, Reply>);
  add({
    name: 'vulnerabilities',
    description: 'CVEs among the open recommendations with how many resources each affects, by CVE id, CVE title words, software or fix availability ("top CVEs", "log4shell").',
    parameters: vulnerabilitiesParamsSchema,
    sideEffects: false,
    handler: (p, ctx) => skill.vulnerabilities(ctx, p),
  });
  add({
    name: 'resources',
    description: 'Resources ranked by risk, each with its open recommendations ranked ("top 5 riskiest resources", "what is wrong with <resource>": limit 1).',
    parameters: resourcesParamsSchema,
    sideEffects: false,
    handler: (p, ctx) => skill.resources(ctx, p),
  });
  add({
    name: 'attackPaths',
    description: 'Attack paths: entry point, steps, target, risk factors and the recommendations that break each path, optionally through one resource.',
    parameters: attackPathsParamsSchema,
    sideEffects: false,
    handler: (p, ctx) => skill.attackPaths(ctx, p),
  });
  return actions;
}
