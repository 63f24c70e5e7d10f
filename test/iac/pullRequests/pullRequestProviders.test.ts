// The pull-request contract against each host: a temporary local git repository (isomorphic-git), and loopback
// GitHub and Azure DevOps REST servers that check each request's method, path, auth header and body fields.
import * as fs from 'node:fs';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import git from 'isomorphic-git';
import { createAzureDevOpsProvider } from '../../../src/iac/pullRequests/azureDevOpsProvider';
import { createGitHubProvider } from '../../../src/iac/pullRequests/gitHubProvider';
import { createLocalGitProvider } from '../../../src/iac/pullRequests/localGitProvider';
import { startFakeAzureDevOps } from './fakeAzureDevOps';
import { startFakeGitHub } from './fakeGitHub';
import { HostRepository } from './hostModel';
import { pullRequestProviderContract, SEED_FILES } from './pullRequestProvider.contract';

const AUTHOR = { name: 'test', email: 'test@example.com' };

async function seedLocal(dir: string): Promise<void> {
  await git.init({ fs, dir, defaultBranch: 'main' });
  for (const [path, text] of Object.entries(SEED_FILES)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
    await git.add({ fs, dir, filepath: path });
  }
  await git.commit({ fs, dir, message: 'initial', author: AUTHOR });
}

pullRequestProviderContract('local git', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'iac-git-'));
  await seedLocal(dir);
  const provider = createLocalGitProvider({ dir, patchOf: () => '--- patch ---' });
  const read = async (ref: string, filepath: string) => {
    const oid = await git.resolveRef({ fs, dir, ref }).catch(() => undefined);
    if (!oid) return undefined;
    return Buffer.from((await git.readBlob({ fs, dir, oid, filepath }).catch(() => undefined))?.blob ?? []).toString('utf8') || undefined;
  };
  return {
    provider,
    fileOn: read,
    defaultBranchFile: (path) => read('main', path),
    pullRequests: async () => {
      const index = JSON.parse(await readFile(join(dir, '.git', 'posture-bot-pull-requests', 'index.json'), 'utf8').catch(() => '[]')) as Array<{ title: string }>;
      return index.map((r) => ({ title: r.title, draft: true }));
    },
    advanceDefaultBranch: async () => {
      await writeFile(join(dir, 'README.md'), '# changed\n');
      await git.add({ fs, dir, filepath: 'README.md' });
      await git.commit({ fs, dir, message: 'someone else', author: AUTHOR });
    },
    problems: () => [],
    close: () => rm(dir, { recursive: true, force: true }),
  };
});

pullRequestProviderContract('GitHub', async () => {
  const repo = new HostRepository(SEED_FILES);
  const server = await startFakeGitHub(repo, { owner: 'contoso', name: 'infra', token: 'ghp_write', readOnlyToken: 'ghp_read' });
  return {
    provider: createGitHubProvider({ repository: 'contoso/infra', token: 'ghp_write', apiUrl: server.url }),
    readOnlyProvider: createGitHubProvider({ repository: 'contoso/infra', token: 'ghp_read', apiUrl: server.url }),
    fileOn: async (branch, path) => repo.filesAt(branch)?.get(path),
    defaultBranchFile: async (path) => repo.filesAt('main')?.get(path),
    pullRequests: async () => repo.pullRequests.map((p) => ({ title: p.title, draft: p.draft })),
    advanceDefaultBranch: async () => repo.advance(),
    problems: () => repo.problems,
    close: server.close,
  };
});

pullRequestProviderContract('Azure DevOps', async () => {
  const repo = new HostRepository(SEED_FILES);
  const server = await startFakeAzureDevOps(repo, { organization: 'contoso', project: 'Platform', name: 'infra', token: 'pat-write', readOnlyToken: 'pat-read' });
  return {
    provider: createAzureDevOpsProvider({ orgUrl: server.orgUrl, project: 'Platform', repository: 'infra', token: 'pat-write' }),
    readOnlyProvider: createAzureDevOpsProvider({ orgUrl: server.orgUrl, project: 'Platform', repository: 'infra', token: 'pat-read' }),
    fileOn: async (branch, path) => repo.filesAt(branch)?.get(path),
    defaultBranchFile: async (path) => repo.filesAt('main')?.get(path),
    pullRequests: async () => repo.pullRequests.map((p) => ({ title: p.title, draft: p.draft })),
    advanceDefaultBranch: async () => repo.advance(),
    problems: () => repo.problems,
    close: server.close,
  };
});
