// Where state lives: SQLite under DATA_DIR (one process), or an Azure storage account shared by several replicas
// (STORAGE=azure). Whether the folder is usable is checked when the database opens (src/storage/dataDirCheck.ts).
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { defineFeature, optionalText } from './feature';
import { azureCloudText, type AzureCloudName } from './postureSource';

export type StorageBackend =
  | { kind: 'sqlite' }
  | {
      kind: 'azure';
      /** AZURE_STORAGE_CONNECTION_STRING (Azurite, or account keys); a secret, never logged. */
      connectionString?: string;
      /** AZURE_STORAGE_ACCOUNT: the account name, reached with DefaultAzureCredential. */
      account?: string;
      cloud: AzureCloudName;
      /** The table holding every record (AZURE_STORAGE_TABLE). */
      table: string;
      /** The container for values too big for a table row (AZURE_STORAGE_CONTAINER). */
      container: string;
    };

export interface StorageConfig {
  /** Absolute; every piece of local state lives under it (with STORAGE=azure: only the integrity check's backups, mail drops...). */
  dataDir: string;
  storage: StorageBackend;
}

const TABLE_NAME = /^[A-Za-z][A-Za-z0-9]{2,62}$/;
const CONTAINER_NAME = /^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/;

export const storageFeature = defineFeature<StorageConfig>({
  name: 'storage',
  schema: (context) =>
    z
      .object({
        DATA_DIR: optionalText.transform((v) => v ?? './.data'),
        STORAGE: optionalText.pipe(z.enum(['sqlite', 'azure'], { message: 'must be sqlite or azure' }).default('sqlite')),
        AZURE_STORAGE_CONNECTION_STRING: optionalText,
        AZURE_STORAGE_ACCOUNT: optionalText.pipe(z.string().regex(/^[a-z0-9]{3,24}$/, 'must be a storage account name (3-24 lower-case letters and digits)').optional()),
        AZURE_STORAGE_TABLE: optionalText.pipe(z.string().regex(TABLE_NAME, 'must be a table name (a letter, then 2-62 letters or digits)').default('postureBotRecords')),
        AZURE_STORAGE_CONTAINER: optionalText.pipe(z.string().regex(CONTAINER_NAME, 'must be a container name (3-63 lower-case letters, digits, single hyphens)').default('posture-bot-records')),
        AZURE_CLOUD: azureCloudText,
      })
      .superRefine((e, ctx) => {
        if (e.STORAGE !== 'azure') return;
        if (!e.AZURE_STORAGE_CONNECTION_STRING && !e.AZURE_STORAGE_ACCOUNT) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['STORAGE'], message: 'STORAGE=azure needs AZURE_STORAGE_CONNECTION_STRING or AZURE_STORAGE_ACCOUNT' });
        }
        if (e.AZURE_STORAGE_CONNECTION_STRING && e.AZURE_STORAGE_ACCOUNT) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['AZURE_STORAGE_ACCOUNT'], message: 'give AZURE_STORAGE_CONNECTION_STRING or AZURE_STORAGE_ACCOUNT, not both' });
        }
      })
      .transform((e): StorageConfig => ({
        dataDir: isAbsolute(e.DATA_DIR) ? e.DATA_DIR : resolve(context.cwd, e.DATA_DIR),
        storage:
          e.STORAGE === 'azure'
            ? {
                kind: 'azure',
                ...(e.AZURE_STORAGE_CONNECTION_STRING ? { connectionString: e.AZURE_STORAGE_CONNECTION_STRING } : {}),
                ...(e.AZURE_STORAGE_ACCOUNT ? { account: e.AZURE_STORAGE_ACCOUNT } : {}),
                cloud: e.AZURE_CLOUD,
                table: e.AZURE_STORAGE_TABLE,
                container: e.AZURE_STORAGE_CONTAINER,
              }
            : { kind: 'sqlite' },
      })),
});
