// Azure DevOps Repos as the pull-request host, through azure-devops-node-api's Git client: one push creates the
// branch from the default branch's commit with the fixed files, then a draft pull request targets the default branch.
import * as azdev from 'azure-devops-node-api';
import type { IGitApi } from 'azure-devops-node-api/GitApi';
import { ItemContentType, PullRequestStatus, VersionControlChangeType, VersionControlRecursionType, type GitRepository } from 'azure-devops-node-api/interfaces/GitInterfaces';
import { AppError } from '../../errors/appError';
import type { SourceFile } from '../parsers/terraformTemplate';
import { hostError, statusOf } from './hostErrors';
import { isIacPath, type ChangeSet, type PullRequestProvider, type PullRequestResult, type RepositorySnapshot } from './pullRequestProvider';

export interface AzureDevOpsOptions {
  /** https://dev.azure.com/<organization> */
  orgUrl: string;
  project: string;
  repository: string;
  token: string;
}

const GIT_COMMIT = 2; // GitVersionType.Commit
const MAX_FILES = 2000;

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

export function createAzureDevOpsProvider(options: AzureDevOpsOptions): PullRequestProvider {
  const connection = new azdev.WebApi(options.orgUrl.replace(/\/+$/, ''), azdev.getPersonalAccessTokenHandler(options.token));
  let gitApi: Promise<IGitApi> | undefined;
  const call = async <T>(action: string, run: (api: IGitApi) => Promise<T>): Promise<T> => {
    try {
      gitApi ??= connection.getGitApi();
      return await run(await gitApi);
    } catch (error) {
      gitApi = undefined;
      if (error instanceof AppError) throw error;
      throw hostError('Azure DevOps', statusOf(error), action, error);
    }
  };
  const repository = () =>
    call('read the repository', async (api) => {
      const repo = await api.getRepository(options.repository, options.project);
      if (!repo?.id) throw new AppError('REPOSITORY_ACCESS_DENIED', `Azure DevOps has no repository ${options.repository} in ${options.project} that the token can read.`);
      return repo as GitRepository & { id: string };
    });
  const headOf = (repo: GitRepository & { id: string }) =>
    call('read the default branch', async (api) => {
      const branch = (repo.defaultBranch ?? 'refs/heads/main').replace(/^refs\//, '');
      const ref = (await api.getRefs(repo.id, options.project, branch)).find((r) => r.name === `refs/${branch}`);
      if (!ref?.objectId) throw new AppError('NOT_FOUND', `The default branch of ${options.repository} has no commits yet.`);
      return ref.objectId;
    });

  return {
    kind: 'azureDevOps',
    headCommit: async () => headOf(await repository()),
    async snapshot(): Promise<RepositorySnapshot> {
      const repo = await repository();
      const commit = await headOf(repo);
      const version = { version: commit, versionType: GIT_COMMIT };
      const items = await call('list the files', (api) => api.getItems(repo.id, options.project, '/', VersionControlRecursionType.Full, false, false, false, false, version));
      const paths = items.filter((i) => !i.isFolder && i.path && isIacPath(i.path.replace(/^\//, ''))).slice(0, MAX_FILES);
      const files: SourceFile[] = [];
      for (const item of paths) {
        const text = await call('read a file', async (api) => streamText(await api.getItemText(repo.id, item.path as string, options.project, undefined, undefined, false, false, false, version)));
        files.push({ file: (item.path as string).replace(/^\//, ''), text });
      }
      return { name: `${options.project}/${options.repository}`, defaultBranch: (repo.defaultBranch ?? 'refs/heads/main').replace(/^refs\/heads\//, ''), commit, files };
    },
    async openPullRequest(change: ChangeSet): Promise<PullRequestResult> {
      const repo = await repository();
      const target = repo.defaultBranch ?? 'refs/heads/main';
      const source = `refs/heads/${change.branch}`;
      if (source === target) throw new AppError('BAD_REQUEST', 'The bot never commits to the default branch.');
      const webUrl = repo.webUrl ?? `${options.orgUrl.replace(/\/+$/, '')}/${encodeURIComponent(options.project)}/_git/${encodeURIComponent(options.repository)}`;
      const open = await call('list pull requests', (api) => api.getPullRequests(repo.id, { sourceRefName: source, targetRefName: target, status: PullRequestStatus.Active }, options.project));
      const found = open[0];
      if (found?.pullRequestId !== undefined) return { url: `${webUrl}/pullrequest/${found.pullRequestId}`, id: String(found.pullRequestId), existing: true, draft: found.isDraft ?? false };
      const parent = await headOf(repo);
      if (parent !== change.baseCommit) throw new AppError('REPOSITORY_CHANGED', 'The repository changed since the scan: scan it again before opening a pull request.');
      const existingBranch = (await call('read branches', (api) => api.getRefs(repo.id, options.project, `heads/${change.branch}`))).find((r) => r.name === source);
      await call('push the fix', (api) =>
        api.createPush(
          {
            // A new branch starts from the default branch's commit; a left-over bot branch is moved forward from its own tip.
            refUpdates: [{ name: source, oldObjectId: existingBranch?.objectId ?? parent }],
            commits: [{
              comment: change.commitMessage,
              parents: [parent],
              changes: change.files.map((f) => ({ changeType: VersionControlChangeType.Edit, item: { path: `/${f.file}` }, newContent: { content: f.text, contentType: ItemContentType.RawText } })),
            }],
          },
          repo.id,
          options.project,
        ));
      const pr = await call('open the pull request', (api) => api.createPullRequest({ sourceRefName: source, targetRefName: target, title: change.title, description: change.description.slice(0, 4000), isDraft: true }, repo.id, options.project));
      return { url: `${webUrl}/pullrequest/${pr.pullRequestId}`, id: String(pr.pullRequestId), existing: false, draft: pr.isDraft ?? true };
    },
  };
}
