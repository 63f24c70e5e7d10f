// `npm run storage:migrate [-- --from-start]`: copies the SQLite database under DATA_DIR (records and conversation
// state) into the Azure storage account the settings name (STORAGE=azure with AZURE_STORAGE_CONNECTION_STRING, or
// AZURE_STORAGE_ACCOUNT and DefaultAzureCredential). Safe to run again: it resumes after the last page copied and
// never overwrites what the target has. Prints the counts per part.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../config/loadConfig';
import { createLogger } from '../logging/logger';
import { projectPath } from '../paths';
import { migrateSqliteToRecords, type MigrationCounts } from '../storage/migrateStorage';
import { openStorage } from '../storage/openStorage';
import { createSqliteDatabase, DEFAULT_DATABASE_FILE } from '../storage/sqliteDatabase';

const USAGE = 'usage: npm run storage:migrate [-- --from-start]\n';
const line = (c: MigrationCounts) => `${c.part}: copied ${c.copied}, already there ${c.alreadyThere}, differing (kept as in Azure) ${c.differing}\n`;

export async function main(args: readonly string[], env: NodeJS.ProcessEnv = process.env, out: (text: string) => void = (text) => process.stdout.write(text)): Promise<number> {
  if (args.some((arg) => arg !== '--from-start')) {
    process.stderr.write(USAGE);
    return 2;
  }
  let config;
  try {
    config = loadConfig({ env, envDir: projectPath('env') });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`storage:migrate cannot start. ${error.userMessage}\n`);
      return 1;
    }
    throw error;
  }
  if (config.storage.kind !== 'azure') {
    process.stderr.write('storage:migrate copies DATA_DIR into Azure storage: set STORAGE=azure and AZURE_STORAGE_CONNECTION_STRING or AZURE_STORAGE_ACCOUNT (the target).\n');
    return 2;
  }
  const file = join(config.dataDir, DEFAULT_DATABASE_FILE);
  if (!existsSync(file)) {
    process.stderr.write(`There is no bot database at ${file} (is DATA_DIR right?).\n`);
    return 1;
  }
  const logger = createLogger({ level: 'warn' });
  const database = createSqliteDatabase(config.dataDir, { logger });
  let target;
  try {
    target = await openStorage(config, logger);
  } catch (error) {
    database.close();
    process.stderr.write(`The Azure storage account could not be opened: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  try {
    const counts = await migrateSqliteToRecords(database, target.records, { fromStart: args.includes('--from-start'), onPart: (c) => out(line(c)) });
    const total = counts.reduce((sum, c) => ({ copied: sum.copied + c.copied, alreadyThere: sum.alreadyThere + c.alreadyThere, differing: sum.differing + c.differing }), { copied: 0, alreadyThere: 0, differing: 0 });
    out(`total: copied ${total.copied}, already there ${total.alreadyThere}, differing (kept as in Azure) ${total.differing}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`The migration stopped: ${error instanceof Error ? error.message : String(error)}. Run it again to resume after the last page copied.\n`);
    return 1;
  } finally {
    database.close();
    await target.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`storage:migrate failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
