// The demo tenant's infrastructure repository: at first use, iac-demo/ (shipped with the project) is copied into a
// new git repository under DATA_DIR and committed once with isomorphic-git; later runs reuse it as it is.
import * as fs from 'node:fs';
import { cp, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import git from 'isomorphic-git';
import { projectPath } from '../paths';

export const DEMO_REPOSITORY_FOLDER = 'iac-demo-repo';

let pending: Promise<string> | undefined;

export function ensureDemoRepository(dataDir: string, source = projectPath('iac-demo')): Promise<string> {
  pending ??= (async () => {
    const dir = join(dataDir, DEMO_REPOSITORY_FOLDER);
    if (await stat(join(dir, '.git')).catch(() => undefined)) return dir;
    await mkdir(dir, { recursive: true });
    await cp(source, dir, { recursive: true });
    await git.init({ fs, dir, defaultBranch: 'main' });
    await git.add({ fs, dir, filepath: '.' });
    const at = { name: 'posture-bot demo', email: 'demo@posture-bot.localhost', timestamp: Math.floor(Date.now() / 1000), timezoneOffset: 0 };
    await git.commit({ fs, dir, message: 'alderbrook/infra-terraform: initial import (posture-bot demo)', author: at, committer: at });
    return dir;
  })().finally(() => {
    pending = undefined;
  });
  return pending;
}
