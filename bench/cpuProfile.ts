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

/** The bench's wrappers around product calls (bench/servers/sqliteCounter.ts): transparent to native callees. */
export const isInstrumentation = (url: string): boolean => url.endsWith('/bench/servers/sqliteCounter.js');

type Tally = { byFn: Map<string, { fn: string; where: string; hits: number }>; byArea: Map<string, number>; total: number };

function accumulate(json: string, tally: Tally): void {
  const parsed: unknown = JSON.parse(json);
  if (!isProfile(parsed)) throw new Error('not a V8 CPU profile (no nodes array)');
  const parentOf = new Map<number, ProfileNode>();
  for (const node of parsed.nodes) for (const child of node.children ?? []) parentOf.set(child, node);
  // A native function (SQLite's run, a socket's writev) has no script: charge it to the nearest caller that has one,
  // looking through the bench's own statement counter (it wraps every SQLite call), so SQLite's time is charged to
  // the product code that ran the statement; the counter's own JS stays charged to bench/servers.
  const scriptCaller = (node: ProfileNode): ProfileNode | undefined => {
    for (let up = parentOf.get(node.id); up; up = parentOf.get(up.id)) if (up.callFrame.url && !isInstrumentation(up.callFrame.url)) return up;
    return undefined;
  };
  for (const node of parsed.nodes) {
    const hits = node.hitCount ?? 0;
    const { functionName, lineNumber } = node.callFrame;
    // Idle samples are a thread waiting, not CPU spent: left out so threads that wait do not dilute the rest.
    if (hits === 0 || functionName === '(idle)') continue;
    tally.total += hits;
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
    const entry = tally.byFn.get(key) ?? { fn, where, hits: 0 };
    entry.hits += hits;
    tally.byFn.set(key, entry);
    const area = areaOf(url, fn);
    tally.byArea.set(area, (tally.byArea.get(area) ?? 0) + hits);
  }
}

/** One profile, or several (one per thread, as --cpu-prof writes them for workers) summed together. */
export function summarizeProfile(json: string | readonly string[], top = 12): ProfileSummary {
  const tally: Tally = { byFn: new Map(), byArea: new Map(), total: 0 };
  for (const one of typeof json === 'string' ? [json] : json) accumulate(one, tally);
  const pct = (hits: number) => (tally.total === 0 ? 0 : Math.round((hits / tally.total) * 1000) / 10);
  return {
    samples: tally.total,
    byFunction: [...tally.byFn.values()].sort((a, b) => b.hits - a.hits).slice(0, top).map((e) => ({ fn: e.fn, where: e.where, selfPct: pct(e.hits) })),
    byArea: [...tally.byArea.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([area, hits]) => ({ area, selfPct: pct(hits) })),
  };
}
