// `iacFindings`: the repository's IaC findings grouped by security check, all of them, for one service ("for
// storage"), or for the IaC recommendation on screen (its check, or every check for the legacy repository-level one).
import { requireTarget, type TargetParams, type TargetResolution } from '../../actions/contracts/target';
import { iacFindingsParamsSchema } from '../../actions/contracts/remediateCode';
import type { ActionContext, ReadActionDefinition } from '../../actions/registry';
import { AppError } from '../../errors/appError';
import type { IacWorkspace } from '../../iac/iacWorkspace';
import { ruleForRecommendation } from '../../iac/recommendationMapping';
import { rulesOfTopic } from '../../iac/topics';
import type { PostureEngine } from '../../posture/engine';
import { withoutLinks } from '../../views/portalLinks';
import type { Reply } from '../../views/reply';
import { buildIacFindingsView, MAX_CHECKS_SHOWN } from './findingsText';

/** Conversation memory: the rule ids of the checks listed last, in their order ("fix IaC check 2"). */
export const IAC_CHECKS_KEY = 'iacChecks';

const TOPIC_NAMES: Record<string, string> = { storage: 'storage', keyVault: 'Key Vault', sql: 'SQL', kubernetes: 'Kubernetes', appService: 'App Service', network: 'network security groups', virtualMachine: 'virtual machines', containerRegistry: 'container registries' };

export interface IacFindingsOptions {
  workspace: IacWorkspace;
  posture: { current(): PostureEngine };
  resolveTarget(context: ActionContext<Reply>, params: TargetParams): TargetResolution;
}

export function createIacFindingsAction(options: IacFindingsOptions): ReadActionDefinition<typeof iacFindingsParamsSchema, Reply> {
  return {
    name: 'iacFindings',
    description: 'List the infrastructure repository\'s IaC findings (Bicep, ARM, Terraform) grouped by security check, optionally for one service or for the IaC recommendation on screen.',
    parameters: iacFindingsParamsSchema,
    sideEffects: false,
    async handler(params, context) {
      let only: string[] | undefined;
      let scope = params.topic ? TOPIC_NAMES[params.topic] : undefined;
      if (params.topic) only = rulesOfTopic(params.topic);
      if (params.ordinal !== undefined || params.ref !== undefined || params.onScreen) {
        const engine = options.posture.current();
        const details = requireTarget(options.resolveTarget(context, { ordinal: params.ordinal, ref: params.ref }), (id) => engine.details(context.viewer, id));
        const target = ruleForRecommendation(details.displayName, details.recommendationCategory, details.iacRuleId);
        if (target.kind === 'none') throw new AppError('BAD_REQUEST', `"${details.displayName}" is not an infrastructure-as-code finding, so there is no template to fix. Ask "how do I fix this?" for the steps on the resource.`);
        if (target.kind === 'unsupported') {
          throw new AppError('BAD_REQUEST', `"${withoutLinks(details.displayName)}" comes from scanner rule ${withoutLinks(target.ruleId).slice(0, 80)}, which is not one of the checks this bot can fix in code. Fix it in the repository by hand, or ask "reduce risk in the infrastructure repo" for the checks it can fix.`);
        }
        if (target.kind === 'rule') {
          only = [target.rule.id];
          scope = `"${details.displayName}"`;
        }
      }
      const scan = await options.workspace.scan();
      const checks = only ? scan.checks.filter((c) => only.includes(c.rule.id)) : scan.checks;
      context.conversation.set(IAC_CHECKS_KEY, checks.slice(0, MAX_CHECKS_SHOWN).map((c) => c.rule.id));
      const suggestions = checks.slice(0, 3).map((_, i) => `Fix IaC check ${i + 1}`);
      await context.reply({ kind: 'card', card: { template: 'iacFindings', model: buildIacFindingsView(scan, checks, scope) }, ...(suggestions.length > 0 ? { suggestions } : {}) });
    },
  };
}
