// The pull-request port: read a repository's default branch, and open a (draft) pull request from a new branch with
// changed files. Implementations: a local git repository (the embedded default), GitHub and Azure DevOps; one
// contract suite (test/iac/pullRequests/pullRequestProvider.contract.ts) runs against all three.
import type { SourceFile } from '../parsers/terraformTemplate';

export interface ChangeSet {
  /** Sanitised already (src/iac/pullRequests/changeSet.ts); never the default branch. */
  branch: string;
  title: string;
  description: string;
  commitMessage: string;
  /** Whole new contents of each changed file, paths relative to the repository root with forward slashes. */
  files: readonly SourceFile[];
  /** The default branch's commit the change was made against: a moved branch means re-scan first. */
  baseCommit: string;
  /** The unified diff, for hosts that record the pull request as a patch (local git). */
  patch?: string;
}

export interface RepositorySnapshot {
  /** Where the repository is, as people recognise it (owner/name, org/project/repo, a path). */
  name: string;
  defaultBranch: string;
  commit: string;
  files: SourceFile[];
}

export interface PullRequestResult {
  url: string;
  id: string;
  /** True when an open pull request from the same branch already existed: no second one was opened. */
  existing: boolean;
  draft: boolean;
}

export interface PullRequestProvider {
  kind: 'local' | 'github' | 'azureDevOps';
  /** The default branch's IaC files (Bicep, ARM JSON, Terraform, parameter files) at its latest commit. */
  snapshot(): Promise<RepositorySnapshot>;
  /** The default branch's latest commit id (cheap: to tell whether the repository changed since a scan). */
  headCommit(): Promise<string>;
  openPullRequest(change: ChangeSet): Promise<PullRequestResult>;
}

/** IaC file names the providers fetch. */
export const isIacPath = (path: string) => /\.(bicep|bicepparam|json|tf|tfvars)$/i.test(path) && !/(^|\/)(node_modules|\.terraform)\//.test(path);
