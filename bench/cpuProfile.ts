// Summarizes a V8 .cpuprofile (node --cpu-prof): where self time went, by function and by package.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

export interface ProfileLine {
  fn: string;
  where: string;
  selfPct: number;
}

export interface ProfileSummary {
  samples: number;
  byFunction: ProfileLine[];
  /** Self time per package (node_modules/<name>), project folder (src/teams, ...) or runtime bucket. */
  byArea: Array<{ area: string; selfPct: number }>;
}

function isProfile(value: unknown): value is { nodes: ProfileNode[] } {
  return typeof value === 'object' && value !== null && Array.isArray((value as { nodes?: unknown }).nodes);
}

/** Which area a script belongs to: a package, a project folder, node internals, or V8's own buckets. */
export function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const rest = path.slice(modules + '/node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : (rest[0] ?? '?');
  }
  if (path.startsWith('node:')) return 'node internals';
  // Two levels where there are two (src/posture/load), so the loader and the store are told apart.
  const project = path.match(/\/dist\/((?:src|bench)\/[^/]+(?:\/[^/.]+(?=\/))?)/);
  if (project?.[1]) return project[1];
  return path.split('/').slice(-2).join('/');
}

/** node_modules/<package>/... or dist/... : enough to find the file, without this machine's folders. */
export function shortPath(url: string): string {
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) return url.slice(modules + 1);
  const dist = url.indexOf('/dist/');
  return dist >= 0 ? url.slice(dist + 1) : url.replace(/^file:\/\//, '');
}

export function summarizeProfile(json: string, top = 12): ProfileSummary {
  const parsed: unknown = JSON.parse(json);
  if (!isProfile(parsed)) throw new Error('not a V8 CPU profile (no nodes array)');
  const byFn = new Map<string, { fn: string; where: string; hits: number }>();
  const byArea = new Map<string, number>();
  const parentOf = new Map<number, ProfileNode>();
  for (const node of parsed.nodes) for (const child of node.children ?? []) parentOf.set(child, node);
  // A native function (SQLite's run, a socket's writev) has no script: charge it to the nearest caller that has one.
  const scriptCaller = (node: ProfileNode): ProfileNode | undefined => {
    for (let up = parentOf.get(node.id); up; up = parentOf.get(up.id)) if (up.callFrame.url) return up;
    return undefined;
  };
  let total = 0;
  for (const node of parsed.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0) continue;
    total += hits;
    const { functionName, lineNumber } = node.callFrame;
    const fn = functionName || '(anonymous)';
    const isNative = !node.callFrame.url && !fn.startsWith('(');
    const caller = isNative ? scriptCaller(node) : undefined;
    const url = node.callFrame.url || caller?.callFrame.url || '';
    const where = node.callFrame.url
      ? `${shortPath(url)}:${lineNumber + 1}`
      : caller
        ? `native, called from ${shortPath(url)}:${caller.callFrame.lineNumber + 1}`
        : '';
    const key = `${fn}@${where}`;
    const entry = byFn.get(key) ?? { fn, where, hits: 0 };
    entry.hits += hits;
    byFn.set(key, entry);
    const area = areaOf(url, fn);
    byArea.set(area, (byArea.get(area) ?? 0) + hits);
  }
  const pct = (hits: number) => (total === 0 ? 0 : Math.round((hits / total) * 1000) / 10);
  return {
    samples: total,
    byFunction: [...byFn.values()].sort((a, b) => b.hits - a.hits).slice(0, top).map((e) => ({ fn: e.fn, where: e.where, selfPct: pct(e.hits) })),
    byArea: [...byArea.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([area, hits]) => ({ area, selfPct: pct(hits) })),
  };
}
