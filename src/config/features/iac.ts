// Where IaC fixes become pull requests: a local git repository (IAC_REPO_PATH; without any setting, the demo
// repository initialised under DATA_DIR), GitHub (GITHUB_REPOSITORY + GITHUB_TOKEN, GITHUB_API_URL for Enterprise)
// or Azure DevOps (AZURE_DEVOPS_ORG_URL, _PROJECT, _REPOSITORY, _TOKEN). One host at a time.
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { defineFeature, optionalText } from './feature';

export type IacHostConfig =
  | { kind: 'demo' }
  | { kind: 'local'; path: string }
  | { kind: 'github'; repository: string; token: string; apiUrl: string }
  | { kind: 'azureDevOps'; orgUrl: string; project: string; repository: string; token: string };

export interface IacConfig {
  iac: { host: IacHostConfig };
}

const GITHUB = ['GITHUB_REPOSITORY', 'GITHUB_TOKEN'] as const;
const AZURE_DEVOPS = ['AZURE_DEVOPS_ORG_URL', 'AZURE_DEVOPS_PROJECT', 'AZURE_DEVOPS_REPOSITORY', 'AZURE_DEVOPS_TOKEN'] as const;

export const iacFeature = defineFeature<IacConfig>({
  name: 'iac',
  schema: (context) =>
    z
      .object({
        IAC_REPO_PATH: optionalText,
        GITHUB_REPOSITORY: optionalText.refine((v) => v === undefined || /^[\w.-]+\/[\w.-]+$/.test(v), 'must be owner/name'),
        GITHUB_TOKEN: optionalText,
        GITHUB_API_URL: optionalText.refine((v) => v === undefined || /^https?:\/\//.test(v), 'must be an http(s) URL'),
        AZURE_DEVOPS_ORG_URL: optionalText.refine((v) => v === undefined || /^https?:\/\//.test(v), 'must be an http(s) URL'),
        AZURE_DEVOPS_PROJECT: optionalText,
        AZURE_DEVOPS_REPOSITORY: optionalText,
        AZURE_DEVOPS_TOKEN: optionalText,
      })
      .transform((e): IacConfig => {
        if (e.GITHUB_REPOSITORY && e.GITHUB_TOKEN) return { iac: { host: { kind: 'github', repository: e.GITHUB_REPOSITORY, token: e.GITHUB_TOKEN, apiUrl: e.GITHUB_API_URL ?? 'https://api.github.com' } } };
        if (e.AZURE_DEVOPS_ORG_URL && e.AZURE_DEVOPS_PROJECT && e.AZURE_DEVOPS_REPOSITORY && e.AZURE_DEVOPS_TOKEN) {
          return { iac: { host: { kind: 'azureDevOps', orgUrl: e.AZURE_DEVOPS_ORG_URL, project: e.AZURE_DEVOPS_PROJECT, repository: e.AZURE_DEVOPS_REPOSITORY, token: e.AZURE_DEVOPS_TOKEN } } };
        }
        if (e.IAC_REPO_PATH) return { iac: { host: { kind: 'local', path: isAbsolute(e.IAC_REPO_PATH) ? e.IAC_REPO_PATH : resolve(context.cwd, e.IAC_REPO_PATH) } } };
        return { iac: { host: { kind: 'demo' } } };
      }),
  rules: (raw) => {
    const problems: string[] = [];
    const partly = (names: readonly string[]) => names.some((n) => raw(n)) && !names.every((n) => raw(n));
    if (partly(GITHUB)) problems.push(`GITHUB_REPOSITORY: GitHub pull requests need ${GITHUB.join(' and ')} together`);
    if (partly(AZURE_DEVOPS)) problems.push(`AZURE_DEVOPS_ORG_URL: Azure DevOps pull requests need all of ${AZURE_DEVOPS.join(', ')}`);
    const hosts = [GITHUB.every((n) => raw(n)), AZURE_DEVOPS.every((n) => raw(n)), Boolean(raw('IAC_REPO_PATH'))].filter(Boolean).length;
    if (hosts > 1) problems.push('IAC_REPO_PATH: set one pull-request host only (GitHub, Azure DevOps or a local repository)');
    return problems;
  },
});
