// Prompts whose words come from the data the bot serves rather than from the bench: the turn section runs the bot
// on the embedded demo tenant, so the bench loads the same file (src/posture/postureSettings.ts DEMO_TENANT_PATH)
// through the bot's loader and reads names from it. Nothing here is tuned to the demo: any tenant's riskiest
// resources would do.
import { loadPosture } from '../src/posture/loadPosture';
import { DEMO_TENANT_PATH } from '../src/posture/postureSettings';
import { createExportFileSource } from '../src/posture/source';
import { createPostureStoreBuilder } from '../src/posture/store';
import { SYSTEM_VIEWER } from '../src/posture/viewer';

/** "What's wrong with <name>?" for the riskiest resources with an open recommendation, `count` of them at most. */
export async function resourceQuestions(count: number, path = DEMO_TENANT_PATH()): Promise<string[]> {
  const { engine } = await loadPosture({ source: createExportFileSource({ path }), builder: createPostureStoreBuilder() });
  const riskiest = engine.resources(SYSTEM_VIEWER, { filter: { statuses: ['Unhealthy'] }, limit: count * 3, recommendationsPerResource: 0 });
  // A name two resources share would be answered about one of them: only names that are one resource.
  const seen = new Map<string, number>();
  for (const r of riskiest.items) seen.set(r.resourceName.toLowerCase(), (seen.get(r.resourceName.toLowerCase()) ?? 0) + 1);
  return riskiest.items
    .filter((r) => seen.get(r.resourceName.toLowerCase()) === 1)
    .slice(0, count)
    .map((r) => `What's wrong with ${r.resourceName}?`);
}
