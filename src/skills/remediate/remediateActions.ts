// The remediate skill's read actions: `summarize` (what a recommendation means for this resource) and `remediate`
// (steps and scripts). Both name their target by list position, card ref or name words, and remember the
// recommendation as the one on screen so "how do I fix this?" and "summarize it" follow.
import type { z } from 'zod';
import { ACTIVE_LIST_KEY, parseActiveList } from '../../actions/contracts/activeList';
import { remediateTargetParamsSchema, type RemediateTargetParams } from '../../actions/contracts/remediate';
import { rememberShown } from '../../actions/contracts/shownRefs';
import { GONE_REASON, type TargetParams, type TargetResolution } from '../../actions/contracts/target';
import type { ActionContext, ActionDefinition } from '../../actions/registry';
import { AppError } from '../../errors/appError';
import type { PostureEngine, RecommendationDetails } from '../../posture/engine';
import type { KnowledgeBase } from '../../remediation/knowledge/knowledgeBase';
import type { Remediation } from '../../remediation/remediation';
import type { Reply } from '../../views/reply';
import { buildChoiceView } from './choiceView';
import { findTarget } from './findTarget';
import type { ScriptLinks } from './scriptLinks';
import { rememberSelected } from './selection';
import { buildRemediationView } from './remediationView';
import { buildSummaryView, type KnowledgeEntry } from './summaryView';

export interface RemediateSkillOptions {
  posture: { current(): PostureEngine };
  knowledge: KnowledgeBase;
  remediation: Remediation;
  resolveTarget(context: ActionContext<Reply>, params: TargetParams): TargetResolution;
  /** Action names registered beside this skill: a button is offered only for an action that exists. */
  hasAction(name: string): boolean;
  /** Download links for the scripts; without it the scripts are shown only. */
  scriptLinks?: ScriptLinks;
}

type Ctx = ActionContext<Reply>;

export function knowledgeOf(knowledge: KnowledgeBase, d: RecommendationDetails): KnowledgeEntry | undefined {
  return knowledge.entryFor(d.key) ?? (d.recommendationCategory ? knowledge.entryForCategory(d.recommendationCategory) : undefined);
}

export function createRemediateActions(options: RemediateSkillOptions): Array<ActionDefinition<z.ZodTypeAny, Reply>> {
  /** The recommendation the turn is about, or a text reply already sent (unknown name: close matches). */
  async function target(verb: 'summarize' | 'remediate', params: RemediateTargetParams, ctx: Ctx): Promise<{ details: RecommendationDetails; others: number; engine: PostureEngine } | undefined> {
    const engine = options.posture.current();
    const keysFor = (words: string) => options.knowledge.search(words, 3).flatMap((hit) => (hit.key ? [hit.key] : []));
    // A script must target the resource meant: remediate asks which one; a summary takes the riskiest and says so.
    const found = findTarget(engine, ctx, params, options.resolveTarget, keysFor, { oneResource: verb === 'remediate' });
    if (found.ok === 'ambiguous') {
      const refs = rememberShown(ctx.conversation, found.candidates.map((row) => row.assessmentId));
      const model = buildChoiceView({ verb, candidates: found.candidates, refs, total: found.total, hasRiskData: engine.capabilities(ctx.viewer).hasRiskData });
      await ctx.reply({ kind: 'card', card: { template: 'choice', model }, recommendationIds: found.candidates.map((row) => row.assessmentId) });
      return undefined;
    }
    if (!found.ok) {
      if (params.name !== undefined) {
        const hit = options.knowledge.search(params.name, 1)[0];
        if (hit && hit.score > 0) {
          await ctx.reply({ kind: 'text', text: `None of your resources has a recommendation named like "${params.name}" open. In general: ${hit.entry.description} ${hit.entry.whyItMatters}` });
          return undefined;
        }
        const close = found.closeMatches.slice(0, 3);
        await ctx.reply(close.length > 0 ? { kind: 'text', text: `${found.reason} Did you mean one of these?`, suggestions: close.map((c) => `summarize ${c}`) } : { kind: 'text', text: found.reason });
        return undefined;
      }
      throw new AppError('NOT_FOUND', found.reason);
    }
    const details = engine.details(ctx.viewer, found.assessmentId);
    if (!details) throw new AppError('NOT_FOUND', GONE_REASON);
    // The one on screen now: "how do I fix this?" next refers to it.
    const list = parseActiveList(ctx.conversation.get(ACTIVE_LIST_KEY));
    if (list) ctx.conversation.set(ACTIVE_LIST_KEY, { ...list, selectedRef: details.assessmentId });
    rememberSelected(ctx.conversation, details.assessmentId);
    return { details, others: found.others, engine };
  }

  const summarize: ActionDefinition<typeof remediateTargetParamsSchema, Reply> = {
    name: 'summarize',
    description: 'Explain one recommendation for its resource: what it checks, why it matters here, what fixing it affects, owner and due date.',
    parameters: remediateTargetParamsSchema,
    sideEffects: false,
    async handler(params, ctx) {
      const found = await target('summarize', params, ctx);
      if (!found) return;
      const { details, others, engine } = found;
      const [ref] = rememberShown(ctx.conversation, [details.assessmentId]);
      const buttons = [
        ...(details.status === 'Unhealthy' ? [{ title: 'Help me remediate', verb: 'remediate', ref: ref ?? '' }] : []),
        ...(options.hasAction('assignOwner') ? [{ title: 'Delegate to the owner', verb: 'delegate', ref: ref ?? '' }] : []),
      ];
      const model = buildSummaryView({ details, hasRiskData: engine.capabilities(ctx.viewer).hasRiskData, knowledge: knowledgeOf(options.knowledge, details), others, buttons });
      await ctx.reply({ kind: 'card', card: { template: 'summary', model }, recommendationIds: [details.assessmentId] });
    },
  };

  const remediate: ActionDefinition<typeof remediateTargetParamsSchema, Reply> = {
    name: 'remediate',
    description: 'How to fix one recommendation on its resource: steps, and Azure CLI / PowerShell (or AWS CLI / gcloud) scripts where a fix exists.',
    parameters: remediateTargetParamsSchema,
    sideEffects: false,
    async handler(params, ctx) {
      const found = await target('remediate', params, ctx);
      if (!found) return;
      const { details } = found;
      if (details.status !== 'Unhealthy') {
        await ctx.reply({ kind: 'text', text: `"${details.displayName}" is already ${details.status === 'Healthy' ? 'healthy' : 'not applicable'} on ${details.resourceName}: nothing to fix.`, recommendationIds: [details.assessmentId] });
        return;
      }
      const [ref] = rememberShown(ctx.conversation, [details.assessmentId]);
      const lookup = options.remediation.fixFor(details.key, details.resourceId);
      const canApply = options.hasAction('applyFix') && lookup.status === 'fix' && options.remediation.describeChange(lookup.fix).appliable;
      const buttons = [
        ...(canApply ? [{ title: 'Apply fix', verb: 'applyFix', ref: ref ?? '' }] : []),
        ...(options.hasAction('assignOwner') ? [{ title: 'Delegate to the owner', verb: 'delegate', ref: ref ?? '' }] : []),
      ];
      const model = buildRemediationView({ details, knowledge: knowledgeOf(options.knowledge, details), lookup, remediation: options.remediation, canApply, buttons });
      const links = options.scriptLinks;
      if (links) model.scripts = await Promise.all(model.scripts.map(async (script) => ({ ...script, downloadUrl: (await links.linkFor({ fileName: script.fileName, text: script.code })) ?? '' })));
      await ctx.reply({ kind: 'card', card: { template: 'remediation', model }, recommendationIds: [details.assessmentId] });
    },
  };
  return [summarize as unknown as ActionDefinition<z.ZodTypeAny, Reply>, remediate as unknown as ActionDefinition<z.ZodTypeAny, Reply>];
}
