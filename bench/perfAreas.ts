// Summarizes `perf script -F pid,tid,ip,sym,dso` output (Linux perf, on-CPU samples of one process, every thread)
// into CPU by area. Unlike V8's profiler (bench/cpuProfile.ts), which samples the main thread's wall time, a perf
// cpu-clock sample is only taken while a thread runs: waiting on a lock or a disk is not in it, and the worker
// threads (the WAL checkpointer) and V8's own helper threads (concurrent GC, the optimizing compiler) are.
// JIT frames are named by the node flag --perf-basic-prof ("JS:*fn /path/file.js:line:col").
import { areaOf, isInstrumentation } from './cpuProfile';

export interface PerfSummary {
  samples: number;
  /** Share of samples per area: the nearest JavaScript frame with a script, from the leaf (GC and helpers apart). */
  byArea: Map<string, number>;
  /** Share per kind of leaf frame: SQLite's own code, the kernel, JIT code, V8/node's C++ and builtins, GC. */
  byLeaf: Map<string, number>;
}

interface Frame {
  sym: string;
  dso: string;
}

const HEADER = /^\s*(\d+)\/(\d+)\s*$/;
const FRAME = /^\s*[0-9a-f]+\s+(.*?)\s+\(([^()]*)\)\s*$/;
/** The script of a --perf-basic-prof JIT frame: a worker's eval'd code, or the last space-separated token, less :line:col. */
const JIT_SCRIPT = /\s(\[worker eval\]|\S+?):\d+:\d+$/;
const GC_FRAME = /Heap::|Scavenge|MarkCompact|ConcurrentMarking|MinorMarkSweep|Sweeper::|GCTracer|CppHeap/;

function parseSamples(text: string, visit: (mainThread: boolean, frames: Frame[]) => void): void {
  let frames: Frame[] | undefined;
  let main = false;
  const flush = () => {
    if (frames) visit(main, frames);
  };
  for (const line of text.split('\n')) {
    const header = HEADER.exec(line);
    if (header) {
      flush();
      frames = [];
      main = header[1] === header[2];
      continue;
    }
    const frame = frames ? FRAME.exec(line) : null;
    if (frame && frames) frames.push({ sym: frame[1] ?? '', dso: frame[2] ?? '' });
  }
  flush();
}

const scriptOf = (frame: Frame): string | undefined => {
  if (!frame.sym.startsWith('JS:')) return undefined;
  const script = JIT_SCRIPT.exec(frame.sym)?.[1];
  // The bench's statement counter wraps every SQLite call: looked through, as in the V8 profile.
  return script && !isInstrumentation(script) ? script : undefined;
};

function leafKind(frames: readonly Frame[], gc: boolean): string {
  const leaf = frames[0];
  if (gc) return '(garbage collector)';
  if (!leaf) return '(no stack)';
  if (leaf.dso.includes('better_sqlite3')) return 'SQLite (native)';
  if (leaf.dso.includes('kernel')) return 'kernel (system calls, page faults)';
  if (leaf.sym.startsWith('JS:')) return 'JIT-compiled JavaScript';
  if (/libc|libm|libstdc/.test(leaf.dso)) return 'C library (memcpy, malloc, ...)';
  return 'V8 and node C++ (builtins, interpreter, runtime)';
}

export function summarizePerfScript(text: string): PerfSummary {
  const areas = new Map<string, number>();
  const leaves = new Map<string, number>();
  let samples = 0;
  const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  parseSamples(text, (main, frames) => {
    samples++;
    const gc = frames.some((f) => GC_FRAME.test(f.sym));
    add(leaves, leafKind(frames, gc));
    if (gc) return add(areas, '(garbage collector)');
    let script: string | undefined;
    for (const frame of frames) if ((script = scriptOf(frame))) break;
    if (script) return add(areas, script.startsWith('[worker') ? 'worker thread (eval)' : areaOf(script, ''));
    add(areas, main ? '(native, no JavaScript caller)' : "V8's helper threads (compiler, ...)");
  });
  const share = (map: Map<string, number>) => new Map([...map].sort((a, b) => b[1] - a[1]).map(([k, n]): [string, number] => [k, samples === 0 ? 0 : n / samples]));
  return { samples, byArea: share(areas), byLeaf: share(leaves) };
}
