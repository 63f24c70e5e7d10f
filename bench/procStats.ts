// Linux /proc counters a measured window is read against: the host's CPU time by kind (/proc/stat), pressure stall
// totals (/proc/pressure/*), dirty page cache (/proc/meminfo), and the CPU time of one process or of each of its
// threads (/proc/PID/stat, /proc/self/task/TID/stat). Every reader returns undefined where the file is missing
// (another OS, a kernel without PSI), so the bench still runs there, only with fewer figures.
import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ: /proc/stat and /proc/PID/stat count CPU time in these ticks on every Linux the bench runs on. */
export const TICKS_PER_SEC = 100;

export interface HostCpuTicks {
  user: number;
  nice: number;
  system: number;
  idle: number;
  iowait: number;
  irq: number;
  softirq: number;
  steal: number;
}

const read = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

/** The aggregate `cpu` line of /proc/stat. */
export function parseProcStat(text: string): HostCpuTicks | undefined {
  const line = text.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) return undefined;
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line.trim().split(/\s+/).slice(1).map(Number);
  return { user, nice, system, idle, iowait, irq, softirq, steal };
}

/** Busy ticks in this guest: everything but idle, iowait and steal (guest time is already inside user). */
export const busyTicks = (t: HostCpuTicks): number => t.user + t.nice + t.system + t.irq + t.softirq;

/** `some` and `full` total stall microseconds of a /proc/pressure file (full is absent for cpu on older kernels). */
export function parsePressure(text: string): { someUs: number; fullUs?: number } | undefined {
  const total = (kind: string) => {
    const m = new RegExp(`^${kind} .*total=(\\d+)`, 'm').exec(text);
    return m ? Number(m[1]) : undefined;
  };
  const someUs = total('some');
  if (someUs === undefined) return undefined;
  const fullUs = total('full');
  return fullUs === undefined ? { someUs } : { someUs, fullUs };
}

/** Dirty and Writeback page cache, in kB. */
export function parseMeminfo(text: string): { dirtyKb: number; writebackKb: number } | undefined {
  const kb = (field: string) => {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
    return m ? Number(m[1]) : undefined;
  };
  const dirtyKb = kb('Dirty');
  const writebackKb = kb('Writeback');
  return dirtyKb === undefined || writebackKb === undefined ? undefined : { dirtyKb, writebackKb };
}

/** File pages read back after the kernel dropped them (workingset_refault_file) and major page faults, machine-wide. */
export function parseVmstat(text: string): { refaultFilePages: number; majorFaults: number } | undefined {
  const field = (name: string) => {
    const m = new RegExp(`^${name} (\\d+)$`, 'm').exec(text);
    return m ? Number(m[1]) : undefined;
  };
  const refaultFilePages = field('workingset_refault_file');
  const majorFaults = field('pgmajfault');
  return refaultFilePages === undefined || majorFaults === undefined ? undefined : { refaultFilePages, majorFaults };
}

/** utime + stime ticks of a /proc/PID/stat (or task stat) line; the command name may hold spaces and parentheses. */
export function parseTaskTicks(text: string): number | undefined {
  const fields = text.slice(text.lastIndexOf(')') + 2).trim().split(/\s+/);
  // After the name: state is field 3, utime field 14, stime field 15 (1-based, name = field 2).
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return Number.isFinite(utime) && Number.isFinite(stime) ? utime + stime : undefined;
}

export interface HostSnapshot {
  atMs: number;
  cpu?: HostCpuTicks;
  cpuPressure?: { someUs: number; fullUs?: number };
  ioPressure?: { someUs: number; fullUs?: number };
  memoryPressure?: { someUs: number; fullUs?: number };
  dirty?: { dirtyKb: number; writebackKb: number };
  vm?: { refaultFilePages: number; majorFaults: number };
}

export function hostSnapshot(): HostSnapshot {
  const text = (path: string, parse: (t: string) => unknown) => {
    const t = read(path);
    return t === undefined ? undefined : parse(t);
  };
  const snapshot: HostSnapshot = { atMs: Date.now() };
  const cpu = text('/proc/stat', parseProcStat) as HostCpuTicks | undefined;
  if (cpu) snapshot.cpu = cpu;
  const cpuPressure = text('/proc/pressure/cpu', parsePressure) as HostSnapshot['cpuPressure'];
  if (cpuPressure) snapshot.cpuPressure = cpuPressure;
  const ioPressure = text('/proc/pressure/io', parsePressure) as HostSnapshot['ioPressure'];
  if (ioPressure) snapshot.ioPressure = ioPressure;
  const memoryPressure = text('/proc/pressure/memory', parsePressure) as HostSnapshot['memoryPressure'];
  if (memoryPressure) snapshot.memoryPressure = memoryPressure;
  const dirty = text('/proc/meminfo', parseMeminfo) as HostSnapshot['dirty'];
  if (dirty) snapshot.dirty = dirty;
  const vm = text('/proc/vmstat', parseVmstat) as HostSnapshot['vm'];
  if (vm) snapshot.vm = vm;
  return snapshot;
}

/** CPU ticks (user + system) of a process, all its threads; undefined when it is gone or /proc is missing. */
export function processTicks(pid: number): number | undefined {
  const t = read(`/proc/${pid}/stat`);
  return t === undefined ? undefined : parseTaskTicks(t);
}

/** CPU ticks of this process's main thread and of all its other threads (V8's GC and compiler helpers, libuv's pool). */
export function ownThreadTicks(): { main: number; others: number } | undefined {
  let tids: string[];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return undefined;
  }
  let main = 0;
  let others = 0;
  for (const tid of tids) {
    const t = read(`/proc/self/task/${tid}/stat`);
    const ticks = t === undefined ? undefined : parseTaskTicks(t);
    if (ticks === undefined) continue; // a thread that ended meanwhile
    if (Number(tid) === process.pid) main += ticks;
    else others += ticks;
  }
  return { main, others };
}
