// The posture data source.
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { booleanText, defineFeature, optionalText } from './feature';

export interface PostureConfig {
  /** Absolute path of a posture export to load instead of the bundled demo tenant. */
  postureSnapshot?: string;
  postureLenient: boolean;
}

export const postureFeature = defineFeature<PostureConfig>({
  name: 'posture',
  schema: (context) =>
    z
      .object({ POSTURE_SNAPSHOT: optionalText, POSTURE_LENIENT: booleanText(false) })
      .transform((e) => ({
        ...(e.POSTURE_SNAPSHOT ? { postureSnapshot: isAbsolute(e.POSTURE_SNAPSHOT) ? e.POSTURE_SNAPSHOT : resolve(context.cwd, e.POSTURE_SNAPSHOT) } : {}),
        postureLenient: e.POSTURE_LENIENT,
      })),
});
