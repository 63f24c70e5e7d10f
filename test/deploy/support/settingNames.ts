// Every environment variable the bot's configuration reads, taken from the feature schemas themselves
// (src/config/features/*.ts), so a setting added there is known here without a list to keep by hand.
import { z } from 'zod';
import { FEATURES } from '../../../src/config/appConfig';

function objectKeys(schema: z.ZodTypeAny): string[] {
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape as Record<string, unknown>);
  if (schema instanceof z.ZodEffects) return objectKeys(schema.innerType());
  if (schema instanceof z.ZodPipeline) return objectKeys(schema._def.in as z.ZodTypeAny);
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return objectKeys(schema.unwrap() as z.ZodTypeAny);
  if (schema instanceof z.ZodDefault) return objectKeys(schema._def.innerType as z.ZodTypeAny);
  if (schema instanceof z.ZodIntersection) return [...objectKeys(schema._def.left as z.ZodTypeAny), ...objectKeys(schema._def.right as z.ZodTypeAny)];
  if (schema instanceof z.ZodUnion) return (schema.options as z.ZodTypeAny[]).flatMap(objectKeys);
  throw new Error(`cannot read the setting names of a ${schema.constructor.name}`);
}

/** Setting names per feature, plus APP_ENV (read by the loader to pick the env files). */
export function knownSettings(): Set<string> {
  const names = new Set<string>(['APP_ENV']);
  for (const production of [false, true]) {
    for (const feature of FEATURES) {
      const schema = feature.schema({ appEnv: production ? 'production' : 'local', production, cwd: '/srv/bot' }) as z.ZodTypeAny;
      for (const key of objectKeys(schema)) names.add(key);
    }
  }
  return names;
}
