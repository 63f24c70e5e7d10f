// The HTTP listener.
import { z } from 'zod';
import { defineFeature, optionalText } from './feature';

export interface ServerConfig {
  port: number;
  /** Interface to listen on; all interfaces when absent. */
  host?: string;
}

export const serverFeature = defineFeature<ServerConfig>({
  name: 'server',
  schema: () =>
    z
      .object({
        PORT: optionalText.transform((v, ctx) => {
          if (v === undefined) return 3978;
          const n = Number(v);
          if (!/^\d+$/.test(v) || n > 65535) {
            ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be a port number 0-65535 (got "${v.slice(0, 20)}")` });
            return z.NEVER;
          }
          return n;
        }),
        HOST: optionalText,
      })
      .transform((e) => ({ port: e.PORT, ...(e.HOST ? { host: e.HOST } : {}) })),
});
