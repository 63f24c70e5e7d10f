// `openIacPullRequest`: Defender's "Reduce risk with Copilot → Submit" for one security check. propose() shows the
// fix (diff, files, recommendation) and a confirmation card; only the requester's Submit opens the draft pull
// request, on a new branch (never the default branch, never merged), and the answer carries its link.
import { z } from 'zod';
import { openIacPullRequestParamsSchema } from '../../actions/contracts/remediateCode';
import type { SideEffectActionDefinition } from '../../actions/registry';
import { AppError } from '../../errors/appError';
import type { IacWorkspace } from '../../iac/iacWorkspace';
import type { Reply } from '../../views/reply';
import { buildIacFixPreviewView } from './findingsText';
import { IAC_CHECKS_KEY } from './iacFindingsAction';

export const openIacPullRequestEffectSchema = z
  .object({
    ruleId: z.string().regex(/^[a-z0-9-]{2,60}$/),
    /** The commit the preview was made on: a moved branch is re-scanned before committing. */
    commit: z.string().min(1).max(100),
    repository: z.string().min(1).max(500),
  })
  .strict();

export function createOpenIacPullRequestAction(options: { workspace: IacWorkspace }): SideEffectActionDefinition<typeof openIacPullRequestParamsSchema, typeof openIacPullRequestEffectSchema, Reply> {
  const { workspace } = options;
  return {
    name: 'openIacPullRequest',
    description: 'Fix one IaC security check in the infrastructure repository and open a draft pull request, after the requester confirms.',
    parameters: openIacPullRequestParamsSchema,
    sideEffects: true,
    effect: openIacPullRequestEffectSchema,
    long: workspace.remote,
    async propose(params, context) {
      let ruleId = params.ruleId;
      if (params.check !== undefined) {
        const listed = context.conversation.get<string[]>(IAC_CHECKS_KEY);
        if (!Array.isArray(listed) || listed.length === 0) throw new AppError('BAD_REQUEST', 'There is no list of IaC checks yet. Ask "reduce risk in the infrastructure repo" first.');
        ruleId = listed[params.check - 1];
        if (!ruleId) throw new AppError('BAD_REQUEST', `Check ${params.check} is not in the list: it shows ${listed.length}.`);
      }
      const preview = await workspace.preview(ruleId as string);
      if (!preview) throw new AppError('BAD_REQUEST', 'That check has no findings in the repository any more: nothing to fix.');
      if (preview.outcome.changedFiles.length === 0) {
        const reasons = [...new Set(preview.outcome.refused.map((r) => r.reason))].join('; ');
        throw new AppError('BAD_REQUEST', `The bot cannot fix "${preview.rule.title}" by itself: ${reasons}. Change the template by hand.`);
      }
      await context.reply({ kind: 'card', card: { template: 'iacFixPreview', model: buildIacFixPreviewView(preview) } });
      const summaries = [...new Set(preview.outcome.applied.map((a) => a.summary))];
      return {
        effect: { ruleId: preview.rule.id, commit: preview.commit, repository: preview.repository.slice(0, 500) },
        target: `iac:${preview.repository}:${preview.rule.id}`,
        card: {
          title: 'Open a pull request',
          intro: 'Submit creates a new branch with this fix and opens a draft pull request for review. The default branch is not touched and nothing is merged.',
          facts: [
            { label: 'Security check', value: `${preview.rule.title} (${preview.rule.severity})` },
            { label: 'Recommendation', value: preview.rule.assessmentKey ? `${preview.rule.recommendation} (${preview.rule.assessmentKey})` : preview.rule.recommendation },
            { label: 'Repository', value: preview.repository },
            { label: 'Files', value: preview.outcome.changedFiles.join(', ') },
          ],
          changes: [...summaries.slice(0, 8), `${preview.outcome.applied.length} finding(s) fixed in ${preview.outcome.changedFiles.length} file(s); the files re-scan clean.`],
          inputs: [],
          confirmLabel: 'Submit',
        },
      };
    },
    async perform(effect, context) {
      const result = await workspace.submit(effect.ruleId, effect.commit, context.confirmedBy.name ?? context.confirmedBy.id);
      if (!result) return { text: 'The repository no longer has findings for this check (someone fixed it since): no pull request was opened.' };
      const moved = result.rescanned ? ' The repository had changed since the preview, so it was scanned again and the fix re-made on the latest commit.' : '';
      if (result.existing) return { text: `A pull request for this check and these files is already open: ${result.url} . No second one was opened.${moved}` };
      return { text: `Pull request opened${result.draft ? ' as a draft' : ''}: ${result.url} (${result.files.join(', ')}). It asks for review; the bot does not merge it.${moved}` };
    },
  };
}
