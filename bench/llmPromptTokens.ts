// Prompt tokens per LLM-planner turn as the tenant grows: `npm run bench:llm-tokens` (builds first) generates demo
// exports of 1k, 100k and 1M assessment rows (cached under .data/bench/), loads each, and counts with the planner's
// own tokenizer (gpt-tokenizer, o200k_base) what one turn would send for each representative prompt, with tenant
// data allowed (LLM_DATA_CONSENT=true, the larger case), first with no list on screen and then as a follow-up. No
// model is called. Tools are selected per message (src/llmPlanner/toolSelection.ts, hints from the keyless planner);
// the last column is the same turns with every tool sent, for comparison. `-- --sizes 1000,100000` picks sizes.
import type { MessagePlanner } from '../src/actions/contracts/messagePlanner';
import { createActionRegistry } from '../src/actions/registry';
import { registerModules } from '../src/app';
import type { ChatModel } from '../src/llmPlanner/chatModel';
import { createLlmPlanner, suggestionsOf } from '../src/llmPlanner/llmPlanner';
import { nextList } from '../src/llmPlanner/plannerEval';
import { countToolTokens } from '../src/llmPlanner/tokenBudget';
import { createKeylessPlanner } from '../src/planner/keylessPlanner';
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
  const suggest = suggestionsOf(createKeylessPlanner({ engine }));
  const list = nextList(undefined, { name: 'analyze', parameters: { filter: { riskLevels: ['Critical', 'High'], riskFactors: ['internetExposure'] } } });
  const history = [{ user: 'show critical and high risks for internet exposed resources', did: 'analyze {"filter":{"riskLevels":["Critical","High"],"riskFactors":["internetExposure"]}}' }];
  const turns = [...ANALYZE_PROMPTS.map((prompt) => ({ prompt, conversation: {} })), ...FOLLOW_UPS.map((prompt) => ({ prompt, conversation: { activeList: list, llmHistory: history } }))];
  const prepared = [];
  for (const { prompt, conversation } of turns) prepared.push({ follow: 'activeList' in conversation, ...planner.prepare(prompt, conversation, SYSTEM_VIEWER, await suggest({ text: prompt, viewer: SYSTEM_VIEWER, conversation })) });
  const first = prepared.filter((p) => !p.follow).map((p) => p.tokens);
  const follow = prepared.filter((p) => p.follow).map((p) => p.tokens);
  const toolsSent = prepared.map((p) => countToolTokens(p.tools));
  const everyTool = prepared.map((p) => p.tokens - countToolTokens(p.tools) + countToolTokens(p.callable));
  const stat = (xs: number[]) => `${Math.min(...xs)} / ${Math.round(xs.reduce((a, b) => a + b, 0) / xs.length)} / ${Math.max(...xs)}`;
  return `| ${rows.toLocaleString('en-US')} | ${loadMs} | ${stat(toolsSent)} of ${countToolTokens(prepared[0]!.callable)} | ${stat(first)} | ${stat(follow)} | ${stat(everyTool)} |`;
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--sizes');
  const sizes = at >= 0 ? (process.argv[at + 1] ?? '').split(',').map(Number) : [1_000, 100_000, 1_000_000];
  const lines = ['| assessment rows | load ms | tool tokens sent: min / mean / max of all | first question: min / mean / max tokens | follow-up: min / mean / max tokens | every tool sent: min / mean / max tokens |', '|---:|---:|---:|---:|---:|---:|'];
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
