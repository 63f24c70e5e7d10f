// Where state lives. Whether the folder is usable is checked when the database opens (src/storage/dataDirCheck.ts).
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { defineFeature, optionalText } from './feature';

export interface StorageConfig {
  /** Absolute; every piece of state lives under it. */
  dataDir: string;
}

export const storageFeature = defineFeature<StorageConfig>({
  name: 'storage',
  schema: (context) =>
    z
      .object({ DATA_DIR: optionalText.transform((v) => v ?? './.data') })
      .transform((e) => ({ dataDir: isAbsolute(e.DATA_DIR) ? e.DATA_DIR : resolve(context.cwd, e.DATA_DIR) })),
});
