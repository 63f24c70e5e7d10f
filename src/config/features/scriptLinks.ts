// Links to download remediation scripts (.sh / .ps1) from the bot's own HTTP server. The address users' browsers
// reach the bot at: PUBLIC_BASE_URL, else https://BOT_DOMAIN (the host the app package names); locally, where
// neither is set, the address the bot listens on. Each link works for SCRIPT_LINK_TTL_MINUTES.
import { z } from 'zod';
import { defineFeature, optionalText, positiveInteger } from './feature';

export interface ScriptLinksConfig {
  scriptLinks: {
    /** https://host[:port][/path] without a trailing slash; undefined: the listening address (local only). */
    publicBaseUrl?: string;
    ttlMs: number;
  };
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export const scriptLinksFeature = defineFeature<ScriptLinksConfig>({
  name: 'scriptLinks',
  schema: () =>
    z
      .object({
        PUBLIC_BASE_URL: optionalText.transform((v, ctx) => {
          if (v === undefined) return undefined;
          let url: URL;
          try {
            url = new URL(v);
          } catch {
            ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be an absolute URL such as https://bot.contoso.com (got "${v.slice(0, 60)}")` });
            return z.NEVER;
          }
          // Plain http only on this machine: a link with a script in it never crosses a network unencrypted.
          if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
            ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must use https:// (plain http only for localhost) (got "${v.slice(0, 60)}")` });
            return z.NEVER;
          }
          if (url.search || url.hash || url.username || url.password) {
            ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must have no query, fragment or credentials' });
            return z.NEVER;
          }
          return url.toString().replace(/\/+$/, '');
        }),
        BOT_DOMAIN: optionalText,
        SCRIPT_LINK_TTL_MINUTES: positiveInteger(60, 7 * 24 * 60),
      })
      .transform((e) => {
        const domain = e.BOT_DOMAIN && /^[a-z0-9.-]+(:\d+)?$/i.test(e.BOT_DOMAIN) ? `https://${e.BOT_DOMAIN}` : undefined;
        const publicBaseUrl = e.PUBLIC_BASE_URL ?? domain;
        return { scriptLinks: { ...(publicBaseUrl ? { publicBaseUrl } : {}), ttlMs: e.SCRIPT_LINK_TTL_MINUTES * 60_000 } };
      }),
});
