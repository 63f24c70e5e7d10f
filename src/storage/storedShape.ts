// Records outlive the version of the bot that wrote them: during a rolling deploy two adjacent versions run side by
// side on one store, each reading what the other wrote. The rules for a stored value read through a zod schema:
// - fields a newer version added are tolerated on read (an older reader does not know them) and, where the record is
//   read, changed and written back, kept: `tolerant` makes every object of a schema pass unknown keys through;
// - a new field is optional (a newer reader meets records without it);
// - every stored value says which version of its shape wrote it (`schemaVersion`), and may say which readers it needs
//   (`readableFrom`): a newer version whose addition an older reader must not ignore (one that narrows what a channel
//   may see, say) sets it, and older readers then treat the record as unreadable instead of acting on half of it.
import { z } from 'zod';

/** The version fields every stored shape carries (absent on records written before they existed: version 1). */
export interface StoredVersion {
  schemaVersion?: number;
  /** The lowest shape version that may read this record; older readers leave it alone. */
  readableFrom?: number;
}

export const storedVersionFields = { schemaVersion: z.number().int().positive().optional(), readableFrom: z.number().int().positive().optional() };

/** True when a reader of shape version `version` may act on the stored value. */
export function readableBy(value: unknown, version: number): boolean {
  if (value === null || typeof value !== 'object') return true;
  const { readableFrom } = value as StoredVersion;
  return typeof readableFrom !== 'number' || readableFrom <= version;
}

/** The same schema with every object in it passing unknown keys through (strict or stripping objects included). */
export function tolerant<T extends z.ZodTypeAny>(schema: T): T {
  return loosen(schema) as T;
}

function loosen(schema: z.ZodTypeAny): z.ZodTypeAny {
  if (schema instanceof z.ZodObject) {
    const shape = Object.fromEntries(Object.entries(schema.shape as z.ZodRawShape).map(([key, field]) => [key, loosen(field)]));
    return new z.ZodObject({ ...schema._def, shape: () => shape, unknownKeys: 'passthrough' });
  }
  if (schema instanceof z.ZodArray) return new z.ZodArray({ ...schema._def, type: loosen(schema._def.type) });
  if (schema instanceof z.ZodOptional) return new z.ZodOptional({ ...schema._def, innerType: loosen(schema._def.innerType) });
  if (schema instanceof z.ZodNullable) return new z.ZodNullable({ ...schema._def, innerType: loosen(schema._def.innerType) });
  if (schema instanceof z.ZodDefault) return new z.ZodDefault({ ...schema._def, innerType: loosen(schema._def.innerType) });
  if (schema instanceof z.ZodEffects) return new z.ZodEffects({ ...schema._def, schema: loosen(schema._def.schema) });
  if (schema instanceof z.ZodUnion) return new z.ZodUnion({ ...schema._def, options: (schema._def.options as z.ZodTypeAny[]).map(loosen) as [z.ZodTypeAny, ...z.ZodTypeAny[]] });
  if (schema instanceof z.ZodDiscriminatedUnion) {
    const options = [...(schema.options as z.ZodObject<z.ZodRawShape>[])].map((option) => loosen(option) as z.ZodObject<z.ZodRawShape>);
    return z.discriminatedUnion(schema.discriminator as string, options as [z.ZodObject<z.ZodRawShape>, ...z.ZodObject<z.ZodRawShape>[]]);
  }
  if (schema instanceof z.ZodRecord) return new z.ZodRecord({ ...schema._def, valueType: loosen(schema._def.valueType) });
  if (schema instanceof z.ZodIntersection) return new z.ZodIntersection({ ...schema._def, left: loosen(schema._def.left), right: loosen(schema._def.right) });
  return schema;
}
