// What laying local changes over a loaded engine costs: `node dist/bench/changeCost.js <export path>` (after
// npm run build) loads the export once, then times engine.withChanges for one owner change, one simulated fix and
// 100 mixed changes (median of 5 each, each followed by the first query on the derived engine). Prints one JSON line.
import { createExportFileSource } from '../src/posture/source';
import type { OverlayChange } from '../src/posture/model';
import { createPostureStoreBuilder } from '../src/posture/store';
import { SYSTEM_VIEWER } from '../src/posture/viewer';
import { percentile, round } from './stats';

const RUNS = 5;

async function main(): Promise<void> {
  const path = process.argv[2];
  if (!path) throw new Error('usage: changeCost.js <export path>');
  const builder = createPostureStoreBuilder();
  await createExportFileSource({ path }).load(builder);
  const base = builder.finish();
  const ids = base.search(SYSTEM_VIEWER, { filter: { statuses: ['Unhealthy'] }, limit: 100 }).items.map((row) => row.assessmentId);
  const at = Date.now();
  const owner = (id: string, i: number): OverlayChange => ({ kind: 'governance', assessmentId: id, owner: `owner-${i}@example.com`, dueDate: at + 86_400_000, at: at + i });
  const fix = (id: string, i: number): OverlayChange => ({ kind: 'status', assessmentId: id, status: 'Healthy', at: at + i });
  const cases: Record<string, OverlayChange[]> = {
    oneOwner: [owner(ids[0] as string, 0)],
    oneFix: [fix(ids[0] as string, 0)],
    hundredMixed: ids.map((id, i) => (i % 2 === 0 ? owner(id, i) : fix(id, i))),
  };
  const timings: Record<string, { medianMs: number; maxMs: number }> = {};
  for (const [name, changes] of Object.entries(cases)) {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const derived = base.withChanges(changes);
      // The first query after the swap, as the next answer would run it.
      derived.count(SYSTEM_VIEWER, { statuses: ['Unhealthy'] });
      times.push(performance.now() - started);
    }
    timings[name] = { medianMs: round(percentile(times, 50), 1), maxMs: round(Math.max(...times), 1) };
  }
  const healthy = { before: base.count(SYSTEM_VIEWER, { statuses: ['Healthy'] }), after: base.withChanges(cases.hundredMixed as OverlayChange[]).count(SYSTEM_VIEWER, { statuses: ['Healthy'] }) };
  process.stdout.write(`${JSON.stringify({ rows: base.capabilities(SYSTEM_VIEWER).assessmentCount, timings, healthy })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
