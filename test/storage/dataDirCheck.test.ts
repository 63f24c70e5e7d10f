// DATA_DIR is refused with its reason before anything is created in it (issue 9 item 6).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertUsableDataDir, dataDirProblem } from '../../src/storage/dataDirCheck';
import { createSqliteDatabase } from '../../src/storage/sqliteDatabase';
import { createTempDataDir, type TempDataDir } from '../support/tempDataDir';

let temp: TempDataDir;
beforeEach(() => {
  temp = createTempDataDir();
});
afterEach(() => temp.cleanup());

describe('dataDirProblem', () => {
  it('accepts an existing writable folder and one it can create', () => {
    expect(dataDirProblem(temp.dir)).toBeUndefined();
    expect(dataDirProblem(join(temp.dir, 'a', 'b'))).toBeUndefined();
  });

  it('refuses a file, and a folder under a file', () => {
    const file = join(temp.dir, 'file');
    writeFileSync(file, 'x');
    expect(dataDirProblem(file)).toBe('it is not a folder');
    expect(dataDirProblem(join(file, 'sub'))).toBe(`it is not a folder (${file} is a file)`);
  });

  it('refuses a folder it cannot write (through the injected check: CI runs as root)', () => {
    expect(dataDirProblem(temp.dir, { canWrite: () => false })).toBe('it is not writable');
    expect(dataDirProblem(join(temp.dir, 'new'), { canWrite: (folder) => folder !== temp.dir })).toBe(`it is not writable (cannot create it in ${temp.dir})`);
  });

  it.each(['/proc/nope', '/proc', '/sys/kernel/nope', '/dev/shm-not-here/x'])('refuses %s as a virtual file system', (dir) => {
    expect(dataDirProblem(dir)).toMatch(/^it is on a virtual file system/);
  });

  it('says the folder and the reason in the error, and opening the database fails fast', () => {
    expect(() => assertUsableDataDir('/proc/nope')).toThrow('DATA_DIR /proc/nope cannot be used: it is on a virtual file system (proc)');
    const started = Date.now();
    expect(() => createSqliteDatabase('/proc/nope')).toThrow(/virtual file system/);
    expect(() => createSqliteDatabase(temp.dir, { dataDirCheck: { canWrite: () => false } })).toThrow(/it is not writable/);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
