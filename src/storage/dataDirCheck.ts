// DATA_DIR must be a real, writable folder (or creatable in one). Checked before anything is created in it:
// Node's recursive mkdir spins forever on /proc/<new>, so a virtual file system must be refused first.
import { accessSync, constants, statSync, statfsSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { AppError } from '../errors/appError';

// statfs(2) f_type values of kernel file systems that hold no files of their own.
const VIRTUAL_FILE_SYSTEMS: ReadonlyMap<number, string> = new Map([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x1cd1, 'devpts'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0x64626720, 'debugfs'],
  [0x73636673, 'securityfs'],
  [0x74726163, 'tracefs'],
  [0xcafe4a11, 'bpf'],
  [0x62656570, 'configfs'],
  [0x6165676c, 'pstore'],
  [0xde5e81e4, 'efivarfs'],
  [0x65735543, 'fusectl'],
  [0x19800202, 'mqueue'],
  [0x42494e4d, 'binfmt_misc'],
]);
const VIRTUAL_ROOTS = ['/proc', '/sys', '/dev'];

export interface DataDirCheckOptions {
  /** Whether this process may create files in an existing folder; injectable because CI runs as root. */
  canWrite?: (folder: string) => boolean;
}

const defaultCanWrite = (folder: string): boolean => {
  try {
    accessSync(folder, constants.W_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

function nearestExisting(path: string): string {
  for (let current = path; ; current = dirname(current)) {
    try {
      statSync(current);
      return current;
    } catch {
      if (dirname(current) === current) return current;
    }
  }
}

/** Why `dir` cannot hold the bot's state, or undefined when it can. */
export function dataDirProblem(dir: string, options: DataDirCheckOptions = {}): string | undefined {
  const path = resolve(dir);
  if (VIRTUAL_ROOTS.some((root) => path === root || path.startsWith(root + sep))) return `it is on a virtual file system (${path.split(sep)[1]})`;
  const existing = nearestExisting(path);
  let kind: number | undefined;
  try {
    kind = statfsSync(existing).type;
  } catch {
    kind = undefined;
  }
  const virtual = kind === undefined ? undefined : VIRTUAL_FILE_SYSTEMS.get(kind);
  if (virtual) return `it is on a virtual file system (${virtual})`;
  if (!statSync(existing).isDirectory()) return existing === path ? 'it is not a folder' : `it is not a folder (${existing} is a file)`;
  if (!(options.canWrite ?? defaultCanWrite)(existing)) return existing === path ? 'it is not writable' : `it is not writable (cannot create it in ${existing})`;
  return undefined;
}

/** Throws CONFIG_INVALID naming the folder and the reason. */
export function assertUsableDataDir(dir: string, options: DataDirCheckOptions = {}): void {
  const problem = dataDirProblem(dir, options);
  if (problem) {
    throw new AppError('CONFIG_INVALID', `DATA_DIR ${dir} cannot be used: ${problem}. Point DATA_DIR at a writable folder on a real disk.`, { details: { dataDir: dir, problem } });
  }
}
