// Picks the pull-request host from configuration: GitHub, Azure DevOps, a local repository, or (nothing configured)
// the demo repository under DATA_DIR.
import type { IacHostConfig } from '../../config/features/iac';
import { ensureDemoRepository } from '../demoRepository';
import { createAzureDevOpsProvider } from './azureDevOpsProvider';
import { createGitHubProvider } from './gitHubProvider';
import { createLocalGitProvider } from './localGitProvider';
import type { PullRequestProvider } from './pullRequestProvider';

export function pullRequestHost(host: IacHostConfig, dataDir: string): () => Promise<PullRequestProvider> {
  let provider: PullRequestProvider | undefined;
  return async () => {
    if (provider) return provider;
    if (host.kind === 'github') provider = createGitHubProvider({ repository: host.repository, token: host.token, apiUrl: host.apiUrl });
    else if (host.kind === 'azureDevOps') provider = createAzureDevOpsProvider(host);
    else if (host.kind === 'local') provider = createLocalGitProvider({ dir: host.path });
    else provider = createLocalGitProvider({ dir: await ensureDemoRepository(dataDir) });
    return provider;
  };
}
