// Download links for remediation scripts: the script is kept in the records store under a random 128-bit token for
// a limited time, and GET /api/scripts/<token> returns it as a file (.sh / .ps1). A link is as good as the script
// it carries (it names the resource, never a secret) and stops working when it expires; the retention job deletes
// expired ones. Stored rather than signed, so any replica serves a link another one made.
import { randomBytes } from 'node:crypto';
import type { RecordsStore } from '../../storage/recordsStore';

export const SCRIPT_LINKS_COLLECTION = 'script-links';
const TOKEN = /^[A-Za-z0-9_-]{22}$/;
/** Scripts are a few KB; anything larger was not made here. */
const MAX_SCRIPT_CHARS = 64 * 1024;
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,80}\.(sh|ps1)$/;

export interface ScriptFile {
  fileName: string;
  text: string;
}

interface StoredScript extends ScriptFile {
  expiresAt: number;
}

export interface ScriptLinks {
  /** A link to download the script, or undefined when the bot has no address users can open. */
  linkFor(file: ScriptFile): Promise<string | undefined>;
  /** The script behind a token, while it is valid. */
  open(token: string): Promise<ScriptFile | undefined>;
}

export interface ScriptLinksOptions {
  records: RecordsStore;
  /** The address browsers reach the bot at (no trailing slash), read when a link is made. */
  baseUrl: () => string | undefined;
  ttlMs: number;
  now?: () => number;
}

export function createScriptLinks(options: ScriptLinksOptions): ScriptLinks {
  const now = options.now ?? Date.now;
  return {
    async linkFor(file) {
      const base = options.baseUrl();
      if (!base || !FILE_NAME.test(file.fileName) || file.text.length > MAX_SCRIPT_CHARS) return undefined;
      const token = randomBytes(16).toString('base64url');
      const stored: StoredScript = { fileName: file.fileName, text: file.text, expiresAt: now() + options.ttlMs };
      await options.records.put(SCRIPT_LINKS_COLLECTION, token, stored, { ifMatch: '*' });
      return `${base}/api/scripts/${token}/${encodeURIComponent(file.fileName)}`;
    },
    async open(token) {
      if (!TOKEN.test(token)) return undefined;
      const record = await options.records.get<StoredScript>(SCRIPT_LINKS_COLLECTION, token);
      if (!record || record.value.expiresAt < now()) return undefined;
      return { fileName: record.value.fileName, text: record.value.text };
    },
  };
}
