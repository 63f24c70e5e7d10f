// Messages between the bench runner and the probe preloaded into each server process (fork IPC).
import type { WindowDiagnostics } from './windowDiagnostics';

export type ProbeRequest =
  | { bench: 'reset' }
  | { bench: 'report' }
  | { bench: 'exit' }
  /** Starts V8's sampling CPU profiler (the one behind --cpu-prof), so a profile covers the load window only. */
  | { bench: 'profile-start' }
  /** Stops it and writes the .cpuprofile JSON to `path`; answered by profile-ok or profile-failed. */
  | { bench: 'profile-stop'; path: string };

export interface ProbeReport {
  bench: 'report';
  cpuUserMs: number;
  cpuSystemMs: number;
  /** Wall time since the last reset. */
  wallMs: number;
  rssMb: number;
  /** Highest sampled RSS since the last reset. */
  peakRssMb: number;
  /** getrusage maxRSS: the whole life of the process, startup included. */
  lifetimeMaxRssMb: number;
  heapUsedMb: number;
  /** better-sqlite3 statements run since the last reset (zeros in a process that never loads it). */
  sqlite?: { statements: number; writes: number; commits: number };
  /** What the window since the last reset looked like besides its CPU (GC, threads, host counters, sub-windows). */
  window?: WindowDiagnostics;
}

export function isProbeReport(value: unknown): value is ProbeReport {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return v.bench === 'report' && typeof v.cpuUserMs === 'number' && typeof v.peakRssMb === 'number';
}
