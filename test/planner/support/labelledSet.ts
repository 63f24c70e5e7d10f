// The labelled prompt set: its file format, and how one planned answer is compared with its label.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const labelSchema = z
  .object({
    id: z.string().min(1),
    prompt: z.string(),
    note: z.string().optional(),
    context: z.object({ previous: z.array(z.string()).min(1) }).strict().optional(),
    expect: z
      .object({
        action: z.enum(['analyze', 'refine', 'showMore', 'details', 'secureScore', 'outOfScope', 'help', 'vulnerabilities', 'resources', 'attackPaths', 'changes', 'executiveSummary', 'startOver', 'smallTalk', 'summarize', 'remediate', 'delegateToOwners']),
        parameters: z.record(z.unknown()).optional(),
        resources: z.object({ includes: z.array(z.string()).optional(), total: z.number().int().min(0).optional() }).strict().optional(),
      })
      .strict(),
  })
  .strict();
export type Label = z.infer<typeof labelSchema>;

export function readLabelledSet(path: string): Label[] {
  const parsed = z.array(labelSchema).parse(JSON.parse(readFileSync(path, 'utf8')));
  const ids = new Set<string>();
  for (const label of parsed) {
    if (ids.has(label.id)) throw new Error(`duplicate label id ${label.id} in ${path}`);
    ids.add(label.id);
  }
  return parsed;
}

/** Filter objects must hold exactly the labelled fields; elsewhere the label is a subset. */
const EXACT_KEYS = new Set(['filter', 'set', 'add']);

const canon = (value: unknown): string => (typeof value === 'string' ? value.toLowerCase() : String(JSON.stringify(sortKeys(value))).toLowerCase());
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sortKeys(v)]));
  return value;
}

/** Differences between the label and the actual value, as readable paths; empty when they agree. */
export function compareParameters(expected: unknown, actual: unknown, path = 'parameters', exactKeys = false): string[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected a list, got ${JSON.stringify(actual)}`];
    const want = new Set(expected.map(canon));
    const have = new Set(actual.map(canon));
    const same = want.size === have.size && [...want].every((v) => have.has(v));
    return same ? [] : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object' || Array.isArray(actual)) return [`${path}: expected an object, got ${JSON.stringify(actual)}`];
    const problems: string[] = [];
    const have = actual as Record<string, unknown>;
    for (const [key, value] of Object.entries(expected)) problems.push(...compareParameters(value, have[key], `${path}.${key}`, EXACT_KEYS.has(key)));
    if (exactKeys) {
      for (const key of Object.keys(have)) if (!(key in expected)) problems.push(`${path}.${key}: not expected, got ${JSON.stringify(have[key])}`);
    }
    return problems;
  }
  return canon(expected) === canon(actual) ? [] : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}
