// A local git repository as the pull-request host (the embedded default): the fix gets a real branch and commit,
// made with isomorphic-git (no shell, no working-tree change), and the "pull request" is recorded next to it as a
// patch file with a small JSON index, so a second request for the same branch finds the open one.
import * as fs from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import git from 'isomorphic-git';
import { AppError } from '../../errors/appError';
import type { SourceFile } from '../parsers/terraformTemplate';
import { isIacPath, type ChangeSet, type PullRequestProvider, type PullRequestResult, type RepositorySnapshot } from './pullRequestProvider';

export interface LocalGitOptions {
  dir: string;
  /** Where pull requests are recorded (patch + index); defaults to <dir>/.git/posture-bot-pull-requests. */
  recordsDir?: string;
  /** Renders the patch of a change (the scan's unified diff). */
  patchOf?(change: ChangeSet): string;
}

interface RecordedPullRequest {
  id: string;
  branch: string;
  title: string;
  status: 'open';
  commit: string;
  patchFile: string;
  createdAt: string;
}

const AUTHOR = { name: 'posture-bot', email: 'posture-bot@localhost' };

type TreeEntry = { mode: string; path: string; oid: string; type: 'blob' | 'tree' | 'commit' };

export function createLocalGitProvider(options: LocalGitOptions): PullRequestProvider {
  const { dir } = options;
  const recordsDir = options.recordsDir ?? join(dir, '.git', 'posture-bot-pull-requests');
  const indexFile = join(recordsDir, 'index.json');

  const defaultBranch = async () => {
    const current = await git.currentBranch({ fs, dir, fullname: false }).catch(() => undefined);
    if (current) return current;
    const branches = await git.listBranches({ fs, dir });
    const fallback = branches.find((b) => b === 'main') ?? branches.find((b) => b === 'master') ?? branches[0];
    if (!fallback) throw new AppError('NOT_FOUND', `The repository at ${dir} has no branches yet.`);
    return fallback;
  };
  const headCommit = async () => {
    try {
      return await git.resolveRef({ fs, dir, ref: await defaultBranch() });
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('NOT_FOUND', `${dir} is not a git repository the bot can read.`, { cause: error });
    }
  };
  const records = async (): Promise<RecordedPullRequest[]> => JSON.parse(await readFile(indexFile, 'utf8').catch(() => '[]')) as RecordedPullRequest[];

  /** A new tree: the base tree with one file's blob put at a path, sub-trees rewritten on the way down. */
  const putFile = async (treeOid: string | undefined, parts: string[], blobOid: string): Promise<string> => {
    const entries: TreeEntry[] = treeOid ? ((await git.readTree({ fs, dir, oid: treeOid })).tree as TreeEntry[]) : [];
    const [head, ...rest] = parts as [string, ...string[]];
    const existing = entries.find((e) => e.path === head);
    const entry: TreeEntry = rest.length === 0
      ? { mode: existing?.mode === '100755' ? '100755' : '100644', path: head, oid: blobOid, type: 'blob' }
      : { mode: '040000', path: head, oid: await putFile(existing?.type === 'tree' ? existing.oid : undefined, rest, blobOid), type: 'tree' };
    return git.writeTree({ fs, dir, tree: [...entries.filter((e) => e.path !== head), entry] });
  };

  return {
    kind: 'local',
    headCommit,
    async snapshot(): Promise<RepositorySnapshot> {
      const branch = await defaultBranch();
      const commit = await headCommit();
      const paths = (await git.listFiles({ fs, dir, ref: commit })).filter(isIacPath);
      const files: SourceFile[] = [];
      for (const filepath of paths) {
        const { blob } = await git.readBlob({ fs, dir, oid: commit, filepath });
        files.push({ file: filepath, text: Buffer.from(blob).toString('utf8') });
      }
      return { name: dir, defaultBranch: branch, commit, files };
    },
    async openPullRequest(change: ChangeSet): Promise<PullRequestResult> {
      const base = await defaultBranch();
      if (change.branch === base || change.branch === `refs/heads/${base}`) throw new AppError('BAD_REQUEST', 'The bot never commits to the default branch.');
      const open = (await records()).find((r) => r.branch === change.branch && r.status === 'open');
      if (open) return { url: pathToFileURL(join(recordsDir, open.patchFile)).href, id: open.id, existing: true, draft: true };
      const parent = await headCommit();
      if (parent !== change.baseCommit) throw new AppError('REPOSITORY_CHANGED', 'The repository changed since the scan: scan it again before opening a pull request.');
      const { commit: parentCommit } = await git.readCommit({ fs, dir, oid: parent });
      let tree = parentCommit.tree;
      for (const file of change.files) {
        const blob = await git.writeBlob({ fs, dir, blob: Buffer.from(file.text, 'utf8') });
        tree = await putFile(tree, file.file.split('/'), blob);
      }
      const now = Math.floor(Date.now() / 1000);
      const commit = await git.commit({
        fs, dir, message: change.commitMessage, tree, parent: [parent], ref: `refs/heads/${change.branch}`,
        author: { ...AUTHOR, timestamp: now, timezoneOffset: 0 }, committer: { ...AUTHOR, timestamp: now, timezoneOffset: 0 },
      });
      await mkdir(recordsDir, { recursive: true });
      const all = await records();
      const id = String(all.length + 1);
      const patchFile = `pr-${id}.patch`;
      await writeFile(join(recordsDir, patchFile), `${change.title}\n\n${change.description}\n\n${change.patch ?? options.patchOf?.(change) ?? ''}`, 'utf8');
      all.push({ id, branch: change.branch, title: change.title, status: 'open', commit, patchFile, createdAt: new Date().toISOString() });
      await writeFile(indexFile, JSON.stringify(all, null, 2), 'utf8');
      return { url: pathToFileURL(join(recordsDir, patchFile)).href, id, existing: false, draft: true };
    },
  };
}
