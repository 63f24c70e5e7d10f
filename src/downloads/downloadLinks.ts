// Single-use, expiring download links for files the bot makes for one person (their data export): the file is kept in
// the records store under a random 128-bit token and GET /api/downloads/<token>/<name> serves it once. An unknown
// token is 404; a used or expired one is 410. The first download marks the link used with an etag-checked write, so
// two requests racing for one link serve it once. Stored rather than signed, so any replica serves a link another
// one made; the retention job (or the next open after expiry) deletes it.
import { randomBytes } from 'node:crypto';
import { AppError, isStorageConflict } from '../errors/appError';
import type { RecordsStore } from '../storage/recordsStore';

export const DOWNLOAD_LINKS_COLLECTION = 'download-links';
const TOKEN = /^[A-Za-z0-9_-]{22}$/;
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,80}\.(json|csv)$/;
/** Records stay small enough for every records-store implementation. */
export const MAX_DOWNLOAD_CHARS = 4 * 1024 * 1024;

export interface DownloadFile {
  fileName: string;
  contentType: 'application/json' | 'text/csv';
  text: string;
}

interface StoredDownload extends DownloadFile {
  expiresAt: number;
  /** Whose file it is (an Entra object id): kept with it for the audit trail, never served. */
  owner: string;
  usedAt?: number;
}

export type DownloadOutcome = { status: 200; file: DownloadFile } | { status: 404 } | { status: 410 };

export interface DownloadLinks {
  /** A link, or undefined when the bot has no address users can open. Throws BAD_REQUEST for a file too large. */
  linkFor(file: DownloadFile, owner: string): Promise<string | undefined>;
  /** Serves a link once, while it is valid. */
  take(token: string): Promise<DownloadOutcome>;
}

export interface DownloadLinksOptions {
  records: RecordsStore;
  baseUrl: () => string | undefined;
  ttlMs: number;
  now?: () => number;
}

export function createDownloadLinks(options: DownloadLinksOptions): DownloadLinks {
  const now = options.now ?? Date.now;
  return {
    async linkFor(file, owner) {
      const base = options.baseUrl();
      if (!base) return undefined;
      if (!FILE_NAME.test(file.fileName)) throw new AppError('BAD_REQUEST', 'That file name cannot be served.');
      if (file.text.length > MAX_DOWNLOAD_CHARS) throw new AppError('BAD_REQUEST', 'That file is too large to download from the bot.');
      const token = randomBytes(16).toString('base64url');
      const stored: StoredDownload = { ...file, owner, expiresAt: now() + options.ttlMs };
      await options.records.put(DOWNLOAD_LINKS_COLLECTION, token, stored, { ifMatch: '*' });
      return `${base}/api/downloads/${token}/${encodeURIComponent(file.fileName)}`;
    },
    async take(token) {
      if (!TOKEN.test(token)) return { status: 404 };
      const record = await options.records.get<StoredDownload>(DOWNLOAD_LINKS_COLLECTION, token);
      if (!record) return { status: 404 };
      if (record.value.usedAt !== undefined || record.value.expiresAt < now()) return { status: 410 };
      try {
        // Used from now on: only the text goes, the record stays (a second try gets 410, not 404).
        await options.records.put(DOWNLOAD_LINKS_COLLECTION, token, { ...record.value, text: '', usedAt: now() }, { ifMatch: record.etag });
      } catch (error) {
        if (isStorageConflict(error)) return { status: 410 };
        throw error;
      }
      const { fileName, contentType, text } = record.value;
      return { status: 200, file: { fileName, contentType, text } };
    },
  };
}
