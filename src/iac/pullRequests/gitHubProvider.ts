// GitHub (or GitHub Enterprise through GITHUB_API_URL) as the pull-request host, through @octokit/rest: the fix is
// committed with the Git Data API (blobs in a tree on the default branch's commit), a branch ref is created (or moved
// when no pull request is open from it), and a draft pull request is opened against the default branch.
import { Octokit } from '@octokit/rest';
import { AppError } from '../../errors/appError';
import type { SourceFile } from '../parsers/terraformTemplate';
import { hostError, statusOf } from './hostErrors';
import { isIacPath, type ChangeSet, type PullRequestProvider, type PullRequestResult, type RepositorySnapshot } from './pullRequestProvider';

export interface GitHubOptions {
  /** owner/name */
  repository: string;
  token: string;
  /** https://api.github.com, or https://<host>/api/v3 for GitHub Enterprise Server. */
  apiUrl?: string;
  fetch?: typeof fetch;
}

const MAX_FILES = 2000;

export function createGitHubProvider(options: GitHubOptions): PullRequestProvider {
  const [owner, repo] = options.repository.split('/') as [string, string];
  const octokit = new Octokit({ auth: options.token, baseUrl: (options.apiUrl ?? 'https://api.github.com').replace(/\/+$/, ''), request: options.fetch ? { fetch: options.fetch } : undefined, userAgent: 'posture-bot' });
  const call = async <T>(action: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw hostError('GitHub', statusOf(error), action, error);
    }
  };
  const defaultBranch = () => call('read the repository', async () => (await octokit.rest.repos.get({ owner, repo })).data.default_branch);
  const headOf = async (branch: string) => call('read the default branch', async () => (await octokit.rest.git.getRef({ owner, repo, ref: `heads/${branch}` })).data.object.sha);

  return {
    kind: 'github',
    headCommit: async () => headOf(await defaultBranch()),
    async snapshot(): Promise<RepositorySnapshot> {
      const branch = await defaultBranch();
      const commit = await headOf(branch);
      const tree = await call('list the files', async () => (await octokit.rest.git.getTree({ owner, repo, tree_sha: commit, recursive: 'true' })).data.tree);
      const paths = tree.filter((e) => e.type === 'blob' && e.path && e.sha && isIacPath(e.path)).slice(0, MAX_FILES);
      const files: SourceFile[] = [];
      for (const entry of paths) {
        const blob = await call('read a file', async () => (await octokit.rest.git.getBlob({ owner, repo, file_sha: entry.sha as string })).data);
        files.push({ file: entry.path as string, text: Buffer.from(blob.content, blob.encoding === 'base64' ? 'base64' : 'utf8').toString('utf8') });
      }
      return { name: options.repository, defaultBranch: branch, commit, files };
    },
    async openPullRequest(change: ChangeSet): Promise<PullRequestResult> {
      const base = await defaultBranch();
      if (change.branch === base) throw new AppError('BAD_REQUEST', 'The bot never commits to the default branch.');
      const open = await call('list pull requests', async () => (await octokit.rest.pulls.list({ owner, repo, state: 'open', head: `${owner}:${change.branch}` })).data);
      const found = open[0];
      if (found) return { url: found.html_url, id: String(found.number), existing: true, draft: found.draft ?? false };
      const parent = await headOf(base);
      if (parent !== change.baseCommit) throw new AppError('REPOSITORY_CHANGED', 'The repository changed since the scan: scan it again before opening a pull request.');
      const baseTree = await call('read the default branch', async () => (await octokit.rest.git.getCommit({ owner, repo, commit_sha: parent })).data.tree.sha);
      const tree = await call('write the fixed files', async () =>
        (await octokit.rest.git.createTree({ owner, repo, base_tree: baseTree, tree: change.files.map((f) => ({ path: f.file, mode: '100644' as const, type: 'blob' as const, content: f.text })) })).data.sha);
      const commit = await call('commit', async () => (await octokit.rest.git.createCommit({ owner, repo, message: change.commitMessage, tree, parents: [parent] })).data.sha);
      await call('create the branch', async () => {
        try {
          await octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${change.branch}`, sha: commit });
        } catch (error) {
          // The branch is left from a closed pull request: move it to the new commit (it is the bot's own branch).
          if (statusOf(error) !== 422) throw error;
          await octokit.rest.git.updateRef({ owner, repo, ref: `heads/${change.branch}`, sha: commit, force: true });
        }
      });
      const pr = await call('open the pull request', async () => (await octokit.rest.pulls.create({ owner, repo, title: change.title, head: change.branch, base, body: change.description, draft: true })).data);
      return { url: pr.html_url, id: String(pr.number), existing: false, draft: pr.draft ?? true };
    },
  };
}
