// Prompt tokens per LLM-planner turn as the tenant grows: `npm run bench:llm-tokens` (builds first) generates demo
// exports of 1k, 100k and 1M assessment rows (cached under .data/bench/), loads each, and counts with the planner's
// own tokenizer (gpt-tokenizer, o200k_base) what one turn would send for each representative prompt, with tenant
// data allowed (LLM_DATA_CONSENT=true, the larger case), first with no list on screen and then as a follow-up. No
// model is called. `-- --sizes 1000,100000` picks sizes.
import type { MessagePlanner } from '../src/actions/contracts/messagePlanner';
import { createActionRegistry } from '../src/actions/registry';
import { registerModules } from '../src/app';
import type { ChatModel } from '../src/llmPlanner/chatModel';
import { createLlmPlanner } from '../src/llmPlanner/llmPlanner';
import { nextList } from '../src/llmPlanner/plannerEval';
import { countToolTokens } from '../src/llmPlanner/tokenBudget';
import { projectPath } from '../src/paths';
import { loadPosture } from '../src/posture/loadPosture';
import { createExportFileSource } from '../src/posture/source';
import { createPostureStoreBuilder } from '../src/posture/store';
import { SYSTEM_VIEWER } from '../src/posture/viewer';
import { SKILL_MODULES } from '../src/skillModules';
import { createCardActionRouter } from '../src/teams/cardActionRouter';
import type { Reply } from '../src/views/reply';
import { ensureDemoExport } from './demoExports';
import { ANALYZE_PROMPTS } from './prompts';

const FOLLOW_UPS = ['just the virtual machines', 'include medium too', 'details of the second one', 'how do I fix the first one?'];
const NEVER: ChatModel = { label: 'none', model: 'none', complete: () => Promise.reject(new Error('the bench calls no model')) };
const NO_KEYLESS: MessagePlanner = { plan: async () => ({ steps: [] }) };

async function measure(rows: number): Promise<string> {
  const file = await ensureDemoExport(rows, projectPath('.data', 'bench'), (line) => process.stderr.write(`${line}\n`));
  const started = performance.now();
  const { engine } = await loadPosture({ source: createExportFileSource({ path: file.path }), builder: createPostureStoreBuilder() });
  const loadMs = Math.round(performance.now() - started);
  const registry = createActionRegistry<Reply>();
  registerModules(registry, createCardActionRouter(), SKILL_MODULES, { posture: { current: () => engine, applyChange: () => Promise.reject(new Error('read only')), revertChange: () => Promise.reject(new Error('read only')) } });
  const limits = { maxRepairs: 2, turnBudgetMs: 25_000, promptTokenBudget: 6_000, historyTokenBudget: 800 };
  const planner = createLlmPlanner({ model: NEVER, registry, keyless: NO_KEYLESS, engine: () => engine, dataConsent: true, limits });
  const first = ANALYZE_PROMPTS.map((prompt) => planner.prepare(prompt, {}, SYSTEM_VIEWER).tokens);
  const list = nextList(undefined, { name: 'analyze', parameters: { filter: { riskLevels: ['Critical', 'High'], riskFactors: ['internetExposure'] } } });
  const history = [{ user: 'show critical and high risks for internet exposed resources', did: 'analyze {"filter":{"riskLevels":["Critical","High"],"riskFactors":["internetExposure"]}}' }];
  const follow = FOLLOW_UPS.map((prompt) => planner.prepare(prompt, { activeList: list, llmHistory: history }, SYSTEM_VIEWER).tokens);
  const tools = countToolTokens(planner.prepare('x', {}, SYSTEM_VIEWER).tools);
  const stat = (xs: number[]) => `${Math.min(...xs)} / ${Math.round(xs.reduce((a, b) => a + b, 0) / xs.length)} / ${Math.max(...xs)}`;
  return `| ${rows.toLocaleString('en-US')} | ${loadMs} | ${tools} | ${stat(first)} | ${stat(follow)} |`;
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--sizes');
  const sizes = at >= 0 ? (process.argv[at + 1] ?? '').split(',').map(Number) : [1_000, 100_000, 1_000_000];
  const lines = ['| assessment rows | load ms | tool tokens | first question: min / mean / max tokens | follow-up: min / mean / max tokens |', '|---:|---:|---:|---:|---:|'];
  for (const rows of sizes) {
    lines.push(await measure(rows));
    process.stderr.write(`${lines.at(-1)}\n`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`llmPromptTokens: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
