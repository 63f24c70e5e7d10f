// Measured understanding: runs a labelled prompt set (test/planner/labelled/*.json) through a planner and counts,
// per expected action ("kind"), how often the planner picked it. Follow-up labels replay their previous prompts
// first, with the list they would leave on screen. The keyless planner's parameter-level checks stay in
// test/planner/labelledSet.test.ts; this measures any planner, the LLM one included, at the level of the action.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { ActiveList } from '../actions/contracts/activeList';
import type { AnalyzeFilter } from '../actions/contracts/analyze';
import type { PlannedAction } from '../actions/registry';

const labelSchema = z.object({
  id: z.string().min(1),
  prompt: z.string(),
  context: z.object({ previous: z.array(z.string()).min(1) }).optional(),
  expect: z.object({ action: z.string().min(1) }).passthrough(),
});

export interface EvalLabel {
  id: string;
  prompt: string;
  previous: string[];
  expected: string;
}

export function readEvalSet(path: string): EvalLabel[] {
  return z
    .array(labelSchema.passthrough())
    .parse(JSON.parse(readFileSync(path, 'utf8')))
    .map((l) => ({ id: l.id, prompt: l.prompt, previous: l.context?.previous ?? [], expected: l.expect.action }));
}

/** One planner's answer to one prompt: its actions, or why it gave none (an LLM planner's fallback reason). */
export type EvalPlan = (prompt: string, activeList: ActiveList | undefined) => Promise<{ actions: PlannedAction[]; fallback?: string }>;

export interface KindScore {
  total: number;
  correct: number;
}

export interface EvalReport {
  total: number;
  correct: number;
  perKind: Record<string, KindScore>;
  /** Prompts the planner gave no plan for, by reason. */
  fallbacks: Record<string, number>;
  failures: Array<{ id: string; prompt: string; expected: string; got: string }>;
}

export async function evaluate(labels: readonly EvalLabel[], plan: EvalPlan): Promise<EvalReport> {
  const report: EvalReport = { total: 0, correct: 0, perKind: {}, fallbacks: {}, failures: [] };
  for (const label of labels) {
    let list: ActiveList | undefined;
    for (const previous of label.previous) {
      const step = await plan(previous, list);
      list = nextList(list, step.actions[0]);
    }
    const result = await plan(label.prompt, list);
    const got = result.actions[0]?.name ?? `(none: ${result.fallback ?? 'no plan'})`;
    if (result.fallback) report.fallbacks[result.fallback] = (report.fallbacks[result.fallback] ?? 0) + 1;
    const kind = (report.perKind[label.expected] ??= { total: 0, correct: 0 });
    kind.total += 1;
    report.total += 1;
    if (got === label.expected) {
      kind.correct += 1;
      report.correct += 1;
    } else {
      report.failures.push({ id: label.id, prompt: label.prompt, expected: label.expected, got });
    }
  }
  return report;
}

/** The list a planned action would leave on screen, as far as a planner can see it (its filter and that it exists). */
export function nextList(list: ActiveList | undefined, action: PlannedAction | undefined): ActiveList | undefined {
  if (!action) return list;
  const p = (action.parameters ?? {}) as { filter?: AnalyzeFilter; set?: AnalyzeFilter; add?: Record<string, unknown>; clear?: string[] };
  const base = (filter: AnalyzeFilter): ActiveList => ({ listId: 'evallist1', filter, view: 'list', pageSize: 10, total: 20, refs: Array.from({ length: 10 }, (_, i) => `eval-${i}`), shown: 10, createdAt: Date.now() });
  if (action.name === 'analyze') return base(p.filter ?? {});
  if (action.name === 'refine' && list) {
    const filter: Record<string, unknown> = { ...list.filter, ...(p.set ?? {}) };
    for (const [key, value] of Object.entries(p.add ?? {})) filter[key] = Array.isArray(value) && Array.isArray(filter[key]) ? [...new Set([...(filter[key] as unknown[]), ...value])] : value;
    for (const key of p.clear ?? []) delete filter[key];
    return base(filter as AnalyzeFilter);
  }
  if (action.name === 'details' && list) return { ...list, selectedRef: 'eval-0' };
  return list;
}

export function formatReport(name: string, report: EvalReport, showFailures: boolean): string {
  const pct = (a: number, b: number) => (b === 0 ? '-' : `${((a / b) * 100).toFixed(1)}%`);
  const lines = [`${name}: ${report.correct}/${report.total} = ${pct(report.correct, report.total)}`];
  for (const [kind, score] of Object.entries(report.perKind).sort(([a], [b]) => a.localeCompare(b))) lines.push(`  ${kind.padEnd(16)} ${String(score.correct).padStart(4)}/${String(score.total).padEnd(4)} ${pct(score.correct, score.total)}`);
  const fallbacks = Object.entries(report.fallbacks);
  if (fallbacks.length > 0) lines.push(`  no plan (fallback): ${fallbacks.map(([reason, n]) => `${reason} ${n}`).join(', ')}`);
  if (showFailures) for (const f of report.failures) lines.push(`  ✗ ${f.id} ${JSON.stringify(f.prompt)}: expected ${f.expected}, got ${f.got}`);
  return lines.join('\n');
}
