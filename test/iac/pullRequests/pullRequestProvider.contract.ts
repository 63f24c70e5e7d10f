// One contract for every pull-request host: read the default branch, open a draft pull request from a new branch
// with the fixed files, never a second one for the same branch, never against a moved default branch.
import { AppError } from '../../../src/errors/appError';
import type { ChangeSet, PullRequestProvider } from '../../../src/iac/pullRequests/pullRequestProvider';

export const SEED_FILES: Record<string, string> = {
  'main.tf': 'resource "azurerm_storage_account" "sa" {\n  name            = "sa"\n  min_tls_version = "TLS1_0"\n}\n',
  'modules/kv/main.bicep': "resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  name: 'kv'\n}\n",
  'README.md': '# infra\n',
};

export interface ProviderFixture {
  provider: PullRequestProvider;
  /** A file's text on a branch, read from the host's side. */
  fileOn(branch: string, path: string): Promise<string | undefined>;
  defaultBranchFile(path: string): Promise<string | undefined>;
  pullRequests(): Promise<Array<{ title: string; draft: boolean }>>;
  /** Someone else pushes to the default branch. */
  advanceDefaultBranch(): Promise<void>;
  /** A provider whose token may read but not write; absent for hosts without tokens (local git). */
  readOnlyProvider?: PullRequestProvider;
  /** Requests that did not match the host's public API. */
  problems(): string[];
  close(): Promise<void>;
}

export function pullRequestProviderContract(name: string, start: () => Promise<ProviderFixture>): void {
  describe(`${name} pull-request provider (contract)`, () => {
    let fixture: ProviderFixture;
    beforeEach(async () => {
      fixture = await start();
    });
    afterEach(async () => {
      expect(fixture.problems()).toEqual([]);
      await fixture.close();
    });

    const changeOf = async (branch = 'posture-bot/iac/storage-min-tls/abc123'): Promise<ChangeSet> => {
      const snapshot = await fixture.provider.snapshot();
      const text = snapshot.files.find((f) => f.file === 'main.tf')?.text ?? '';
      return { branch, title: 'IaC: Storage accounts should require TLS 1.2 or later', description: 'Fixes the finding. Please review.', commitMessage: 'IaC: storage TLS', files: [{ file: 'main.tf', text: text.replace('TLS1_0', 'TLS1_2') }], baseCommit: snapshot.commit };
    };

    it('reads the default branch: IaC files only, with the commit they are at', async () => {
      const snapshot = await fixture.provider.snapshot();
      expect(snapshot.files.map((f) => f.file).sort()).toEqual(['main.tf', 'modules/kv/main.bicep']);
      expect(snapshot.files.find((f) => f.file === 'main.tf')?.text).toBe(SEED_FILES['main.tf']);
      expect(snapshot.commit).toBe(await fixture.provider.headCommit());
      expect(snapshot.defaultBranch).toBe('main');
    });

    it('opens a draft pull request from a new branch holding the fix, and leaves the default branch alone', async () => {
      const change = await changeOf();
      const result = await fixture.provider.openPullRequest(change);
      expect(result).toMatchObject({ existing: false, draft: true });
      expect(result.url).toMatch(/^(https?|file):\/\//);
      expect(await fixture.fileOn(change.branch, 'main.tf')).toContain('min_tls_version = "TLS1_2"');
      expect(await fixture.fileOn(change.branch, 'modules/kv/main.bicep')).toBe(SEED_FILES['modules/kv/main.bicep']);
      expect(await fixture.defaultBranchFile('main.tf')).toBe(SEED_FILES['main.tf']);
      expect(await fixture.pullRequests()).toEqual([{ title: change.title, draft: true }]);
    });

    it('finds the open pull request from the same branch instead of opening a second one', async () => {
      const change = await changeOf();
      const first = await fixture.provider.openPullRequest(change);
      const second = await fixture.provider.openPullRequest(change);
      expect(second).toMatchObject({ existing: true, id: first.id, url: first.url });
      expect(await fixture.pullRequests()).toHaveLength(1);
    });

    it('refuses to commit when the default branch moved since the scan', async () => {
      const change = await changeOf();
      await fixture.advanceDefaultBranch();
      await expect(fixture.provider.openPullRequest(change)).rejects.toMatchObject({ code: 'REPOSITORY_CHANGED' });
      expect(await fixture.pullRequests()).toHaveLength(0);
    });

    it('tells a token without write rights clearly (hosts with tokens)', async () => {
      if (!fixture.readOnlyProvider) return;
      const change = await changeOf();
      const error = await fixture.readOnlyProvider.openPullRequest(change).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'REPOSITORY_ACCESS_DENIED' });
      expect((error as AppError).message).toMatch(/token/i);
      expect(await fixture.pullRequests()).toHaveLength(0);
    });
  });
}
