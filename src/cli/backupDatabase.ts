// `npm run db:backup [-- --out path]`: a consistent copy of the bot database while the bot keeps running (SQLite's
// online backup API through better-sqlite3's db.backup()). Default: <DATA_DIR>/backups/posture-bot-<UTC time>.sqlite.
// The copy is checked (quick_check) before its path is printed. README "Backup and restore" says how to restore.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { ConfigError, loadConfig } from '../config/loadConfig';
import { projectPath } from '../paths';
import { checkDatabaseIntegrity } from '../storage/integrityCheck';
import { DEFAULT_DATABASE_FILE } from '../storage/sqliteDatabase';

export interface BackupResult {
  source: string;
  target: string;
  pages: number;
}

/** Copies `<dataDir>/posture-bot.sqlite` to `target` (default under <dataDir>/backups) and verifies the copy. */
export async function backupDatabase(dataDir: string, target?: string, now: Date = new Date()): Promise<BackupResult> {
  const source = join(dataDir, DEFAULT_DATABASE_FILE);
  if (!existsSync(source)) throw new Error(`There is no bot database at ${source} (is DATA_DIR right?).`);
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const out = resolve(target ?? join(dataDir, 'backups', `posture-bot-${stamp}.sqlite`));
  if (existsSync(out)) throw new Error(`${out} exists already; choose another --out.`);
  mkdirSync(dirname(out), { recursive: true });
  const db = new Database(source, { fileMustExist: true });
  let pages = 0;
  try {
    const progress = await db.backup(out);
    pages = progress.totalPages;
  } finally {
    db.close();
  }
  const check = await checkDatabaseIntegrity(out, 60_000);
  if (check.kind !== 'ok') throw new Error(`The backup at ${out} did not pass its integrity check (${check.kind}).`);
  return { source, target: out, pages };
}

export async function main(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const outAt = args.indexOf('--out');
  if ((outAt >= 0 && !args[outAt + 1]) || args.some((a, i) => a.startsWith('--') && a !== '--out' && i !== outAt + 1)) {
    process.stderr.write('usage: npm run db:backup [-- --out path/to/copy.sqlite]\n');
    return 2;
  }
  try {
    const config = loadConfig({ env, envDir: projectPath('env') });
    const result = await backupDatabase(config.dataDir, outAt >= 0 ? args[outAt + 1] : undefined);
    process.stdout.write(`${result.target}\n`);
    process.stderr.write(`backed up ${result.source} (${result.pages} pages) to ${result.target}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`db:backup failed: ${error instanceof ConfigError ? error.userMessage : error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
