// Loads the committed demo tenant through the real loader and store, once per test file.
import { existsSync } from 'node:fs';
import type { PostureEngine } from '../../../src/posture/engine';
import { loadPosture } from '../../../src/posture/loadPosture';
import { createExportFileSource } from '../../../src/posture/source';
import { createPostureStoreBuilder } from '../../../src/posture/store';
import { projectPath } from '../../../src/paths';

export const DEMO_TENANT_PATH = projectPath('src', 'posture', 'demo', 'demo-tenant.json');

let loading: Promise<PostureEngine> | undefined;

export function loadDemoEngine(): Promise<PostureEngine> {
  if (!existsSync(DEMO_TENANT_PATH)) return Promise.reject(new Error(`demo tenant missing at ${DEMO_TENANT_PATH}`));
  loading ??= loadPosture({ source: createExportFileSource({ path: DEMO_TENANT_PATH }), builder: createPostureStoreBuilder() }).then((l) => l.engine);
  return loading;
}
