// `npm run eval:planner -- --planner llm|keyless [--set dev|frozen|all] [--failures]`: runs the labelled prompt sets
// (test/planner/labelled/) on the embedded demo tenant through the chosen planner and prints accuracy per kind.
// `--planner llm` uses the model configured as for the bot (OPENAI_* / AZURE_OPENAI_* in the environment or
// env/.env.local.user), so anyone with a key can measure a real model. Failures of the held-out frozen set are only
// printed with --failures.
import type { MessagePlanner } from '../actions/contracts/messagePlanner';
import { createActionRegistry } from '../actions/registry';
import { registerModules } from '../app';
import { loadConfig } from '../config/loadConfig';
import { createChatModel, type ChatModel } from '../llmPlanner/chatModel';
import { createLlmPlanner, suggestionsOf } from '../llmPlanner/llmPlanner';
import { evaluate, formatReport, readEvalSet, type EvalPlan } from '../llmPlanner/plannerEval';
import { projectPath } from '../paths';
import { loadPosture } from '../posture/loadPosture';
import type { PostureEngine } from '../posture/engine';
import { createExportFileSource } from '../posture/source';
import { createPostureStoreBuilder } from '../posture/store';
import { SYSTEM_VIEWER } from '../posture/viewer';
import { createConceptLexicon } from '../planner/conceptLexicon';
import { createKeylessPlanner } from '../planner/keylessPlanner';
import { planMessage } from '../planner/planMessage';
import { SKILL_MODULES } from '../skillModules';
import { createCardActionRouter } from '../teams/cardActionRouter';
import type { Reply } from '../views/reply';

export interface EvalOptions {
  planner: 'llm' | 'keyless';
  sets: Array<'dev' | 'frozen'>;
  failures: boolean;
}

export function parseEvalArgs(args: readonly string[]): EvalOptions {
  const value = (name: string) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const planner = value('--planner') ?? 'keyless';
  if (planner !== 'llm' && planner !== 'keyless') throw new Error(`--planner must be llm or keyless (got "${planner}")`);
  const set = value('--set') ?? 'all';
  if (set !== 'dev' && set !== 'frozen' && set !== 'all') throw new Error(`--set must be dev, frozen or all (got "${set}")`);
  return { planner, sets: set === 'all' ? ['dev', 'frozen'] : [set], failures: args.includes('--failures') };
}

const NO_KEYLESS: MessagePlanner = { plan: async () => ({ steps: [] }) };

export async function runPlannerEval(options: EvalOptions, env: NodeJS.ProcessEnv, deps: { model?: ChatModel; engine?: PostureEngine } = {}): Promise<string[]> {
  const engine = deps.engine ?? (await loadPosture({ source: createExportFileSource({ path: projectPath('src', 'posture', 'demo', 'demo-tenant.json') }), builder: createPostureStoreBuilder() })).engine;
  const registry = createActionRegistry<Reply>();
  registerModules(registry, createCardActionRouter(), SKILL_MODULES, { posture: { current: () => engine, applyChange: () => Promise.reject(new Error('the eval changes nothing')), revertChange: () => Promise.reject(new Error('the eval changes nothing')) } });
  let plan: EvalPlan;
  let name: string;
  if (options.planner === 'keyless') {
    const lexicon = createConceptLexicon();
    name = 'keyless';
    plan = async (prompt, list) => ({
      actions: planMessage(prompt, { vocabulary: engine, viewer: SYSTEM_VIEWER, hasActiveList: list !== undefined, ...(list ? { activeList: { filter: list.filter, shown: list.shown ?? list.refs.length, total: list.total } } : {}), lexicon }),
    });
  } else {
    const config = loadConfig({ env, envDir: projectPath('env') }).llm;
    if (!deps.model && !config.provider) throw new Error('--planner llm needs a model: set OPENAI_API_KEY and OPENAI_MODEL, OPENAI_BASE_URL and OPENAI_MODEL, or AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_DEPLOYMENT');
    const model = deps.model ?? createChatModel({ provider: config.provider!, limits: config.limits });
    const planner = createLlmPlanner({ model, registry, keyless: NO_KEYLESS, suggest: suggestionsOf(createKeylessPlanner({ engine })), engine: () => engine, dataConsent: config.dataConsent, limits: config.limits });
    name = `llm (${model.label})`;
    plan = async (prompt, list) => {
      const { outcome } = await planner.planText(prompt, list ? { activeList: list } : {}, SYSTEM_VIEWER);
      if (outcome.kind === 'actions') return { actions: outcome.actions };
      if (outcome.kind === 'answer') return { actions: [{ name: '(general answer)', parameters: {} }] };
      return { actions: [], fallback: outcome.reason };
    };
  }
  const lines: string[] = [];
  for (const set of options.sets) {
    const report = await evaluate(readEvalSet(projectPath('test', 'planner', 'labelled', `${set}.json`)), plan);
    lines.push(formatReport(`${name}, ${set} set`, report, options.failures || set === 'dev'));
  }
  return lines;
}

if (require.main === module) {
  let options: EvalOptions;
  try {
    options = parseEvalArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`eval:planner: ${(error as Error).message}\n`);
    process.exit(2);
  }
  runPlannerEval(options, process.env).then(
    (lines) => process.stdout.write(`${lines.join('\n')}\n`),
    (error: unknown) => {
      process.stderr.write(`eval:planner: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
