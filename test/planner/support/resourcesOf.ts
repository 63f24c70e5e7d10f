// What a planned filter finds on a tenant: the row count and the resource names, as the analyze skill will ask
// (status defaults to Unhealthy).
import type { PostureEngine, PostureFilter } from '../../../src/posture/engine';
import { SYSTEM_VIEWER } from '../../../src/posture/viewer';
import type { AnalyzeFilter } from '../../../src/actions/contracts/analyze';

export function toPostureFilter(filter: AnalyzeFilter): PostureFilter {
  return { ...filter, statuses: filter.statuses ?? ['Unhealthy'] };
}

export function resourcesOf(engine: PostureEngine, filter: AnalyzeFilter): { total: number; names: Set<string> } {
  const posture = toPostureFilter(filter);
  const total = engine.count(SYSTEM_VIEWER, posture);
  const names = new Set(engine.search(SYSTEM_VIEWER, { filter: posture, limit: Math.max(1, total) }).items.map((row) => row.resourceName));
  return { total, names };
}
