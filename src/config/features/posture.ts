// The posture data source.
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import type { LoadThreads } from '../../posture/load/parallelLoad';
import { booleanText, defineFeature, optionalText } from './feature';

const LOAD_THREADS = { auto: 'auto', '1': 1, '2': 2 } as const satisfies Record<string, LoadThreads>;

export interface PostureConfig {
  /** Absolute path of a posture export to load instead of the bundled demo tenant. */
  postureSnapshot?: string;
  postureLenient: boolean;
  /** Threads a big JSON Lines export loads in (src/posture/load/parallelLoad.ts): 'auto' splits only on an idle core. */
  postureLoadThreads: LoadThreads;
}

export const postureFeature = defineFeature<PostureConfig>({
  name: 'posture',
  schema: (context) =>
    z
      .object({
        POSTURE_SNAPSHOT: optionalText,
        POSTURE_LENIENT: booleanText(false),
        POSTURE_LOAD_THREADS: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v), z.enum(['auto', '1', '2']).default('auto')),
      })
      .transform((e) => ({
        ...(e.POSTURE_SNAPSHOT ? { postureSnapshot: isAbsolute(e.POSTURE_SNAPSHOT) ? e.POSTURE_SNAPSHOT : resolve(context.cwd, e.POSTURE_SNAPSHOT) } : {}),
        postureLenient: e.POSTURE_LENIENT,
        postureLoadThreads: LOAD_THREADS[e.POSTURE_LOAD_THREADS],
      })),
});
