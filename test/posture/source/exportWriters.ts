// Writes the same raw rows in every export format the file source accepts, for loader and contract tests.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export type ExportFormatName = 'azGraph' | 'restPages' | 'bareArray' | 'jsonLines' | 'azGraphGz' | 'jsonLinesGz' | 'bareArrayGz' | 'restPagesGz';

export const EXPORT_FORMATS: readonly ExportFormatName[] = ['azGraph', 'restPages', 'bareArray', 'jsonLines', 'azGraphGz', 'jsonLinesGz', 'bareArrayGz', 'restPagesGz'];

export function tempDir(prefix = 'posture-export-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

const gz = (text: string): Buffer => gzipSync(Buffer.from(text, 'utf8'));

/** Writes `rows` in one format under a fresh temp folder; returns the path to give the source (file or folder). */
export function writeExport(format: ExportFormatName, rows: readonly unknown[], options: { generatedAt?: string } = {}): string {
  const dir = tempDir();
  const header = options.generatedAt ? { generatedAt: options.generatedAt } : {};
  switch (format) {
    case 'azGraph':
    case 'azGraphGz': {
      const text = JSON.stringify({ ...header, count: rows.length, data: rows, skip_token: null }, null, 2);
      // No telling extension for the gzip: it must be recognised by its magic bytes.
      const file = join(dir, format === 'azGraph' ? 'tenant.json' : 'tenant.export');
      writeFileSync(file, format === 'azGraph' ? text : gz(text));
      return file;
    }
    case 'bareArray':
    case 'bareArrayGz': {
      const text = JSON.stringify(rows);
      const file = join(dir, format === 'bareArray' ? 'rows.json' : 'rows.json.gz');
      writeFileSync(file, format === 'bareArray' ? text : gz(text));
      return file;
    }
    case 'jsonLines':
    case 'jsonLinesGz': {
      const lines = [...(options.generatedAt ? [JSON.stringify(header)] : []), ...rows.map((row) => JSON.stringify(row))];
      const text = `${lines.join('\n')}\n`;
      const file = join(dir, format === 'jsonLines' ? 'tenant.jsonl' : 'tenant.jsonl.gz');
      writeFileSync(file, format === 'jsonLines' ? text : gz(text));
      return file;
    }
    case 'restPages':
    case 'restPagesGz': {
      // Pages of two rows in nested folders: the loader reads them recursively in path order.
      const pages: unknown[][] = [];
      for (let i = 0; i < rows.length; i += 2) pages.push(rows.slice(i, i + 2));
      if (pages.length === 0) pages.push([]);
      pages.forEach((page, index) => {
        const sub = join(dir, index % 2 === 0 ? 'a' : 'b');
        mkdirSync(sub, { recursive: true });
        const body: Record<string, unknown> = { ...(index === 0 ? header : {}), value: page };
        if (index < pages.length - 1) body.nextLink = `https://management.azure.com/next?page=${index + 1}`;
        const text = JSON.stringify(body);
        // Pages are named so that path order is page order across both folders: a/page-000, b/page-001...
        const name = `page-${String(index).padStart(3, '0')}.json`;
        writeFileSync(join(sub, format === 'restPages' ? name : `${name}.gz`), format === 'restPages' ? text : gz(text));
      });
      return dir;
    }
  }
}
