// Reads one Resource Graph query over one scope, a page at a time: $top rows per page (1,000 at most), continued
// with $skipToken until the service stops returning one. Only one page is held at a time, whatever the estate size.
// Each page has its own time limit, and every way a page can be wrong is named instead of being loaded.
import type { QueryRequest, QueryResponse, ResourcesOptionalParams } from '@azure/arm-resourcegraph';

/** The one call of @azure/arm-resourcegraph's ResourceGraphClient this source makes. */
export interface ResourceGraphQueries {
  resources(query: QueryRequest, options?: ResourcesOptionalParams): Promise<QueryResponse>;
}

/** What one request is asked about: subscriptions, management groups, or (neither) everything the identity sees. */
export interface QueryScope {
  subscriptions?: string[];
  managementGroups?: string[];
}

export const MAX_PAGE_ROWS = 1000;

/** A page that is not what the public API returns. */
export class MalformedPageError extends Error {
  override name = 'MalformedPageError';
}

/** A page that took longer than its time limit (retries included). */
export class PageTimeoutError extends Error {
  override name = 'PageTimeoutError';
}

/**
 * The rows of a page's `data`. 5.0.0-beta.4 typed it loosely and returned whatever resultFormat asked for; 5.0.0
 * types it as any. Both formats are read: objectArray (an array of rows) and table ({columns, rows}).
 */
export function rowsOfData(data: unknown): unknown[] {
  if (Array.isArray(data)) return data;
  if (data && typeof data === 'object') {
    const { columns, rows } = data as { columns?: unknown; rows?: unknown };
    if (Array.isArray(columns) && Array.isArray(rows)) {
      const names = columns.map((column, index) => {
        const name = column && typeof column === 'object' ? (column as { name?: unknown }).name : undefined;
        if (typeof name !== 'string') throw new MalformedPageError(`table column ${index} has no name`);
        return name;
      });
      return rows.map((row, index) => {
        if (!Array.isArray(row) || row.length !== names.length) throw new MalformedPageError(`table row ${index} does not have ${names.length} cells`);
        return Object.fromEntries(names.map((name, cell) => [name, row[cell]]));
      });
    }
  }
  throw new MalformedPageError(`data is ${data === null ? 'null' : Array.isArray(data) ? 'an array' : typeof data}, not rows`);
}

export interface PageOptions {
  pageRows?: number;
  pageTimeoutMs?: number;
  /** Sees the raw response of every page (the quota gate reads its headers there too). */
  onResponse?: ResourcesOptionalParams['onResponse'];
}

/** Yields each page's rows in order. Errors from the client (RestError) pass through unchanged. */
export async function* queryPages(client: ResourceGraphQueries, query: string, scope: QueryScope, options: PageOptions = {}): AsyncGenerator<unknown[]> {
  const top = Math.min(options.pageRows ?? MAX_PAGE_ROWS, MAX_PAGE_ROWS);
  const timeoutMs = options.pageTimeoutMs ?? 60_000;
  const seen = new Set<string>();
  let skipToken: string | undefined;
  for (let page = 1; ; page++) {
    const request: QueryRequest = {
      query,
      ...(scope.subscriptions ? { subscriptions: scope.subscriptions } : {}),
      ...(scope.managementGroups ? { managementGroups: scope.managementGroups } : {}),
      options: {
        top,
        resultFormat: 'objectArray',
        ...(skipToken ? { skipToken } : {}),
        // A management group or tenant read with more subscriptions than one query may cover returns what it can.
        ...(scope.subscriptions ? {} : { allowPartialScopes: true }),
      },
    };
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new PageTimeoutError(`page ${page} took longer than ${timeoutMs} ms`)), timeoutMs);
    let response: QueryResponse;
    try {
      response = await client.resources(request, { abortSignal: abort.signal, ...(options.onResponse ? { onResponse: options.onResponse } : {}) });
    } catch (error) {
      if (abort.signal.aborted) throw abort.signal.reason as PageTimeoutError;
      throw error;
    } finally {
      clearTimeout(timer);
    }
    if (!response || typeof response !== 'object') throw new MalformedPageError(`page ${page} is not a JSON object`);
    let rows: unknown[];
    try {
      rows = rowsOfData(response.data);
    } catch (error) {
      throw new MalformedPageError(`page ${page}: ${(error as Error).message}`);
    }
    if (rows.length > top) throw new MalformedPageError(`page ${page} has ${rows.length} rows, more than the ${top} asked for`);
    const next = response.skipToken;
    if (next !== undefined && next !== null && typeof next !== 'string') throw new MalformedPageError(`page ${page}: $skipToken is not a string`);
    yield rows;
    if (!next) return;
    // A token seen before would page forever.
    if (seen.has(next)) throw new MalformedPageError(`page ${page} repeats an earlier $skipToken`);
    seen.add(next);
    skipToken = next;
  }
}
