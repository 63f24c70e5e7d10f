// The remediate-code skill as a module: IaC findings grouped by security check, and a confirmed pull request that
// fixes one check in the infrastructure repository (src/iac/: scanner, fixer, pull-request hosts).
import { resolveTarget } from '../../actions/contracts/target';
import type { SkillModule } from '../../actions/skillModule';
import { AppError } from '../../errors/appError';
import type { IacWorkspace } from '../../iac/iacWorkspace';
import type { PostureEngine } from '../../posture/engine';
import type { Reply } from '../../views/reply';
import { createRemediateCodeCardVerbs } from './cardVerbs';
import { createIacFindingsAction } from './iacFindingsAction';
import { createOpenIacPullRequestAction } from './openPullRequestAction';

export interface RemediateCodeDeps {
  posture: { current(): PostureEngine };
  /** The infrastructure repository; absent where the composition root set none up. */
  iac?: IacWorkspace;
}

const NOT_SET_UP: IacWorkspace = {
  remote: false,
  scan: () => Promise.reject(new AppError('BAD_REQUEST', 'No infrastructure repository is set up for this bot.')),
  preview: () => Promise.reject(new AppError('BAD_REQUEST', 'No infrastructure repository is set up for this bot.')),
  submit: () => Promise.reject(new AppError('BAD_REQUEST', 'No infrastructure repository is set up for this bot.')),
};

export const remediateCodeModule: SkillModule<RemediateCodeDeps, Reply> = {
  name: 'remediateCode',
  help: [
    {
      title: 'Fix infrastructure as code',
      description: 'Scan the infrastructure repository (Bicep, ARM, Terraform), pick a security check, review the diff, and Submit a draft pull request: "reduce risk in the infrastructure repo".',
      canDo: 'fix IaC findings with a pull request',
      samples: [],
    },
  ],
  templates: ['iacFindings', 'iacFixPreview'],
  create: ({ posture, iac }) => {
    const workspace = iac ?? NOT_SET_UP;
    return {
      actions: [createIacFindingsAction({ workspace, posture, resolveTarget }), createOpenIacPullRequestAction({ workspace }) as unknown as ReturnType<typeof createIacFindingsAction>],
      cardVerbs: createRemediateCodeCardVerbs(),
    };
  },
};
