// Picks the pull-request host from configuration: GitHub, Azure DevOps, a local repository, or (nothing configured)
// the demo repository under DATA_DIR. Each host's client library is loaded at first use, not at startup (Octokit,
// azure-devops-node-api and isomorphic-git together take ~0.3 s to load; most runs never open a pull request).
/* eslint-disable @typescript-eslint/no-require-imports */
import type { IacHostConfig } from '../../config/features/iac';
import type { PullRequestProvider } from './pullRequestProvider';

export function pullRequestHost(host: IacHostConfig, dataDir: string): () => Promise<PullRequestProvider> {
  let provider: PullRequestProvider | undefined;
  return async () => {
    if (provider) return provider;
    if (host.kind === 'github') {
      const { createGitHubProvider } = require('./gitHubProvider') as typeof import('./gitHubProvider');
      provider = createGitHubProvider({ repository: host.repository, token: host.token, apiUrl: host.apiUrl });
    } else if (host.kind === 'azureDevOps') {
      const { createAzureDevOpsProvider } = require('./azureDevOpsProvider') as typeof import('./azureDevOpsProvider');
      provider = createAzureDevOpsProvider(host);
    } else {
      const { createLocalGitProvider } = require('./localGitProvider') as typeof import('./localGitProvider');
      if (host.kind === 'local') provider = createLocalGitProvider({ dir: host.path });
      else {
        const { ensureDemoRepository } = require('../demoRepository') as typeof import('../demoRepository');
        provider = createLocalGitProvider({ dir: await ensureDemoRepository(dataDir) });
      }
    }
    return provider;
  };
}
