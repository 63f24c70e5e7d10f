// The live posture source: Defender for Cloud rows read straight from Azure Resource Graph, a page at a time, through
// the same row intake as an export (src/posture/load/rowIntake.ts), so the same rows give the same records and answers.
// - Scope: subscriptions are asked for in batches; each management group alone; `tenant` asks for all the identity sees.
// - A scope the identity may not read is reported (per subscription: a failing batch is read again one subscription
//   at a time) and the rest loads; when no scope can be read the load fails and the holder keeps its data.
// - Quota and throttling: see quotaGate.ts; the SDK's retry policy is the one retry layer (429 with Retry-After, 5xx).
import { createHash } from 'node:crypto';
import type { ResourceGraphClientOptionalParams } from '@azure/arm-resourcegraph';
import type { TokenCredential } from '@azure/identity';
import type { AzureCloudName, AzureScope } from '../../../config/features/postureSource';
import { AppError } from '../../../errors/appError';
import type { Logger } from '../../../logging/logger';
import { createCatalog, type Catalog } from '../../catalog/catalog';
import { createRowIntake, emptyCounts } from '../../load/rowIntake';
import type { RecordSink } from '../../model';
import type { LoadReport, PostureSource } from '../../source';
import { describeAzureError } from './azureErrors';
import { AZURE_CLOUD_ENDPOINTS } from './clouds';
import { changeQueries, CHANGE_DATED_TYPES, GOVERNANCE_TYPE, IDS_PER_QUERY, POSTURE_QUERIES, REPLACED_TYPES, resourcesByIds, safeResourceId, type PostureQuery } from './queries';
import { createQuotaGate, type QuotaGate } from './quotaGate';
import { queryPages, type QueryScope, type ResourceGraphQueries } from './resourceGraphPages';
import { mergeSegments, rowId, rowType, type ChangeSegment } from './changeSegments';
import { keptRows } from './lastGood';
import { loadKeptBase, type KeptBaseOptions } from './keptSource';
import { createResourceChanges, isDeleted, resourceIdOf, subscriptionOfRow } from './resourceChanges';

/** Subscriptions per request: Resource Graph's own tools batch by 1,000. */
export const SUBSCRIPTIONS_PER_BATCH = 1000;

export interface AzureSourceOptions {
  scopes: readonly AzureScope[];
  cloud: AzureCloudName;
  credential: TokenCredential;
  lenient?: boolean;
  logger?: Logger;
  catalog?: Catalog;
  /** Client options (tests: endpoint, httpClient, retryOptions); the cloud's endpoint and token scope otherwise. */
  client?: ResourceGraphClientOptionalParams;
  /** Instead of building a ResourceGraphClient (tests of paging alone). */
  queries?: ResourceGraphQueries;
  pageRows?: number;
  pageTimeoutMs?: number;
  subscriptionsPerBatch?: number;
  /** A progress line every so many pages (a million rows is about a thousand pages); 100 by default. */
  progressEveryPages?: number;
  /** Sees every row as read, in order, with its JSON text on a full read (the last-good copy under DATA_DIR writes it). */
  onRow?: (row: unknown, json?: string) => void;
  now?: () => number;
}

/** A load report plus what could not be read. */
export interface AzureLoadReport extends LoadReport {
  /** One line per scope (subscription, management group, tenant) the identity could not read. */
  unreadable: string[];
  /** Requests sent, pages read, time held back by the quota. */
  requests: number;
  pages: number;
  quotaWaitMs: number;
  /** Set for an incremental refresh: the rows Resource Graph sent (changed assessments, and the small whole types). */
  changedRows?: number;
  /** Set for an incremental refresh: resources changed since (from resourcechanges), and the kept rows left out. */
  resourceChanges?: number;
  /** Kept rows dropped because their resource was deleted. */
  deletedRows?: number;
  /** Kept rows dropped because their subscription can no longer be read, by subscription id. */
  droppedSubscriptions?: Record<string, number>;
  /** Set for an incremental refresh: what it changed, to append to the kept copy's journal. */
  segment?: ChangeSegment;
  /** Set for an incremental refresh over the kept records: the journaled rows still standing, this refresh's included. */
  standingRows?: number;
}

/** An incremental refresh: the kept rows (a base and the segments of the refreshes since), and the time from which changes are asked for. */
export interface ChangesSince {
  since: number;
  /** The base file (the last full read, or the last fold of the journal into it). */
  base: KeptBaseOptions;
  /**
   * Stream the base as raw rows, so every merged row reaches onRow (a new base is being written); otherwise the base
   * loads as records through the export loader and only this refresh's rows are new.
   */
  rewrite?: boolean;
  /** The refreshes since the base, oldest first; this refresh's segment is laid over them. */
  segments?: readonly ChangeSegment[];
  /** The hash of the kept rows: this refresh's hash chains from it instead of hashing every row again. */
  hash?: string;
  /** Read governance assignments again (in full); otherwise the kept ones stay. True when absent. */
  governance?: boolean;
}

export const describeScope = (scope: AzureScope): string =>
  scope.kind === 'tenant' ? 'tenant' : scope.kind === 'subscription' ? `/subscriptions/${scope.subscriptionId}` : `/providers/Microsoft.Management/managementGroups/${scope.managementGroupId}`;

/** Names the scope in logs and answers; a long list is shortened, with a digest so another list never shares it. */
function labelOf(scopes: readonly AzureScope[], cloud: AzureCloudName): string {
  const names = scopes.map(describeScope);
  const cloudNote = cloud === 'AzurePublicCloud' ? '' : ` (${cloud})`;
  if (names.length <= 3) return `azure ${names.join(', ')}${cloudNote}`;
  const digest = createHash('sha256').update(names.join(',')).digest('hex').slice(0, 8);
  return `azure ${names.slice(0, 2).join(', ')} and ${names.length - 2} more scopes [${digest}]${cloudNote}`;
}

interface ScopeBatch {
  label: string;
  scope: QueryScope;
}

function batchesOf(scopes: readonly AzureScope[], perBatch: number): ScopeBatch[] {
  const subscriptions = scopes.flatMap((scope) => (scope.kind === 'subscription' ? [scope.subscriptionId] : []));
  const batches: ScopeBatch[] = [];
  for (let at = 0; at < subscriptions.length; at += perBatch) {
    const ids = subscriptions.slice(at, at + perBatch);
    batches.push({ label: ids.length === 1 ? `/subscriptions/${ids[0]}` : `${ids.length} subscriptions`, scope: { subscriptions: ids } });
  }
  for (const scope of scopes) {
    if (scope.kind === 'managementGroup') batches.push({ label: describeScope(scope), scope: { managementGroups: [scope.managementGroupId] } });
    if (scope.kind === 'tenant') batches.push({ label: 'tenant', scope: {} });
  }
  return batches;
}

export function createResourceGraphQueries(options: Pick<AzureSourceOptions, 'cloud' | 'credential' | 'client'>, gate: QuotaGate): ResourceGraphQueries {
  const cloud = AZURE_CLOUD_ENDPOINTS[options.cloud];
  // Loaded here, not at the top: only the live Azure source builds a client (the demo and export sources never do).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ResourceGraphClient } = require('@azure/arm-resourcegraph') as typeof import('@azure/arm-resourcegraph');
  return new ResourceGraphClient(options.credential, {
    endpoint: cloud.resourceManager,
    credentials: { scopes: [cloud.tokenScope] },
    ...options.client,
    additionalPolicies: [...(options.client?.additionalPolicies ?? []), { policy: gate.policy(), position: 'perRetry' }],
  });
}

export interface AzurePostureSource extends PostureSource {
  /** A full read; with `changes`, only what changed since then, laid over the kept rows (deleted rows stay until a full read). */
  load(sink: RecordSink, changes?: ChangesSince): Promise<AzureLoadReport>;
}

const CHANGE_DATED: ReadonlySet<string> = new Set(CHANGE_DATED_TYPES);
const tableOfRow = (row: unknown): PostureQuery['table'] => (rowType(row).startsWith('microsoft.resources/subscriptions') ? 'resourcecontainers' : 'securityresources');
/** A row's subscription is among those this read saw (tenant-level rows always are). */
const isSeen = (seen: ReadonlySet<string>, row: unknown): boolean => {
  const subscription = subscriptionOfRow(row);
  return subscription === undefined || seen.has(subscription);
};

export function createAzurePostureSource(options: AzureSourceOptions): AzurePostureSource {
  let catalog = options.catalog;
  const label = labelOf(options.scopes, options.cloud);
  const now = options.now ?? Date.now;
  const gate = createQuotaGate();
  const queries = options.queries ?? createResourceGraphQueries(options, gate);

  return {
    describe: () => label,
    async load(sink, changes) {
      catalog ??= createCatalog();
      const startedAt = now();
      const counts = emptyCounts();
      const intake = createRowIntake({ catalog, lenient: options.lenient, details: { source: label } }, sink, counts);
      const hash = createHash('sha256');
      const unreadable = new Map<string, string>();
      const seenSubscriptions = new Set<string>();
      let requests = 0;
      let pages = 0;
      const waitedBefore = gate.waitedMs();
      /** Changed rows of an incremental refresh, by id, until merged with the kept rows. */
      const changed = new Map<string, unknown>();
      let changedRows = 0;
      const resourceChanges = createResourceChanges();
      /** Rows an incremental refresh read (whole types, and changed rows once merged): its segment's rows. */
      const segmentRows: unknown[] = [];
      const noteSubscription = (row: unknown): void => {
        const id = (row as { subscriptionId?: unknown } | null)?.subscriptionId;
        if (typeof id === 'string') seenSubscriptions.add(id.toLowerCase());
      };
      const take = (where: string, table: PostureQuery['table'], row: unknown): void => {
        if (changes) {
          options.onRow?.(row);
        } else {
          // One JSON text per row serves the hash and the kept copy.
          const json = JSON.stringify(row) ?? 'null';
          hash.update(json);
          hash.update('\n');
          options.onRow?.(row, json);
        }
        if (table === 'resourcecontainers') noteSubscription(row);
        intake.row(where, row);
      };

      /** Reads one query over one batch; false when the identity may not read it and nothing was taken from it. */
      const readBatch = async (query: PostureQuery, batch: ScopeBatch): Promise<boolean> => {
        let page = 0;
        try {
          for await (const rows of queryPages(queries, query.query, batch.scope, {
            ...(options.pageRows ? { pageRows: options.pageRows } : {}),
            ...(options.pageTimeoutMs ? { pageTimeoutMs: options.pageTimeoutMs } : {}),
            onResponse: () => void requests++,
          })) {
            page++;
            pages++;
            if (pages % (options.progressEveryPages ?? 100) === 0) options.logger?.info({ source: label, pages, rows: counts.rows + rows.length, table: query.table }, 'reading Azure Resource Graph');
            rows.forEach((row, index) => {
              if (changes) changedRows++;
              if (query.table === 'resourcechanges') resourceChanges.add(row);
              // Changed assessments and resources read again replace kept rows by id, below.
              else if (changes && (CHANGE_DATED.has(rowType(row)) || query.table === 'resources')) changed.set(rowId(row), row);
              else if (changes) {
                segmentRows.push(row);
                if (query.table === 'resourcecontainers') noteSubscription(row);
              } else take(`${query.table} ${batch.label} page ${page} row ${index + 1}`, query.table, row);
            });
          }
          return true;
        } catch (error) {
          if (error instanceof AppError) throw error;
          const problem = describeAzureError(error);
          if (problem.permission && page === 0) return false;
          throw new AppError('DATA_UNAVAILABLE', `${query.table} over ${batch.label}: ${problem.message}`, { details: { source: label } });
        }
      };

      const run = async (query: PostureQuery): Promise<void> => {
        const readable = options.scopes.filter((scope) => !unreadable.has(describeScope(scope)));
        for (const batch of batchesOf(readable, options.subscriptionsPerBatch ?? SUBSCRIPTIONS_PER_BATCH)) {
          if (await readBatch(query, batch)) continue;
          const subscriptions = batch.scope.subscriptions ?? [];
          if (subscriptions.length <= 1) {
            unreadable.set(batch.label, `${batch.label}: the identity may not read it (give it Reader and Security Reader there)`);
            continue;
          }
          // One subscription the identity may not read fails the whole batch: read the batch one by one.
          for (const subscriptionId of subscriptions) {
            const single: ScopeBatch = { label: `/subscriptions/${subscriptionId}`, scope: { subscriptions: [subscriptionId] } };
            if (!(await readBatch(query, single))) {
              unreadable.set(single.label, `${single.label}: the identity may not read it (give it Reader and Security Reader there)`);
            }
          }
        }
      };
      for (const query of changes ? changeQueries(changes.since, { governance: changes.governance ?? true }) : POSTURE_QUERIES) await run(query);
      // Resources created or updated since: read again by id (names, tags, location), a hundred per query.
      const reread = changes ? resourceChanges.reread().filter(safeResourceId) : [];
      for (let at = 0; at < reread.length; at += IDS_PER_QUERY) await run(resourcesByIds(reread.slice(at, at + IDS_PER_QUERY)));

      const deleted = resourceChanges.deleted();
      let deletedRows = 0;
      const dropped = new Map<string, number>();
      let segment: ChangeSegment | undefined;
      let standingRows: number | undefined;
      if (changes) {
        // This refresh as a segment over the kept rows: the types it read in full replace theirs, changed rows replace
        // theirs by id, and the rows of deleted resources and of subscriptions it could not see go.
        const governance = changes.governance ?? true;
        const deletedIds = [...deleted];
        const fresh = [...changed.values()].filter((row) => !isDeleted(deleted, resourceIdOf(row)) && isSeen(seenSubscriptions, row));
        segment = {
          at: startedAt,
          replacedTypes: [...REPLACED_TYPES].filter((type) => governance || type !== GOVERNANCE_TYPE),
          deleted: deletedIds,
          subscriptions: [...seenSubscriptions],
          rows: [...segmentRows, ...fresh],
        };
        const onDrop = (row: unknown, reason: 'deleted' | 'unreadable'): void => {
          if (reason === 'deleted') deletedRows++;
          else {
            const subscription = subscriptionOfRow(row) as string;
            dropped.set(subscription, (dropped.get(subscription) ?? 0) + 1);
          }
        };
        const segments = [...(changes.segments ?? []), segment];
        if (changes.rewrite) {
          let index = 0;
          for await (const row of mergeSegments(keptRows(changes.base.path), segments, onDrop)) take(`kept row ${++index}`, tableOfRow(row), row);
        } else {
          // The kept records go straight to the sink (the export loader parses and normalizes them); the rows the
          // refreshes read since follow through the intake.
          const base = await loadKeptBase({ ...changes.base, ...(options.lenient ? { lenient: true } : {}) }, segments, sink, onDrop);
          counts.rows += base.rows;
          counts.records += base.records;
          standingRows = base.standing.length;
          base.standing.forEach((row, index) => take(`refreshed row ${index + 1}`, tableOfRow(row), row));
        }
        hash.update(changes.hash ?? '');
        hash.update('\n');
        hash.update(JSON.stringify(segment));
        for (const [subscription, rows] of dropped) {
          unreadable.set(`/subscriptions/${subscription}`, `/subscriptions/${subscription}: no longer readable by the identity, so its ${rows} kept rows were dropped`);
        }
      }

      // Resource Graph leaves out subscriptions it may not read instead of failing: name those the scope asked for.
      for (const scope of options.scopes) {
        if (scope.kind !== 'subscription' || seenSubscriptions.has(scope.subscriptionId)) continue;
        const name = describeScope(scope);
        if (!unreadable.has(name)) unreadable.set(name, `${name}: not visible to the identity (no such subscription, or no Reader role on it)`);
      }
      const requested = batchesOf(options.scopes, Number.MAX_SAFE_INTEGER).reduce((n, batch) => n + (batch.scope.subscriptions?.length ?? 1), 0);
      if (unreadable.size >= requested && counts.rows === 0) {
        throw new AppError('DATA_UNAVAILABLE', `the identity cannot read any of ${options.scopes.map(describeScope).join(', ')}: ${[...unreadable.values()].join('; ')}`, {
          details: { source: label },
        });
      }

      const report: AzureLoadReport = {
        source: label,
        files: [],
        ...counts,
        hash: hash.digest('hex'),
        generatedAt: startedAt,
        unreadable: [...unreadable.values()],
        requests,
        pages,
        quotaWaitMs: gate.waitedMs() - waitedBefore,
        ...(changes ? { changedRows, resourceChanges: resourceChanges.size(), deletedRows } : {}),
        ...(segment ? { segment } : {}),
        ...(standingRows !== undefined ? { standingRows } : {}),
        ...(dropped.size > 0 ? { droppedSubscriptions: Object.fromEntries(dropped) } : {}),
      };
      options.logger?.info(
        { source: label, rows: report.rows, records: report.records, skipped: report.skipped, pages, requests, quotaWaitMs: report.quotaWaitMs, unreadable: report.unreadable.length, ...(changes ? { changedRows, resourceChanges: resourceChanges.size(), deletedRows, since: new Date(changes.since).toISOString() } : {}) },
        changes ? 'posture changes read from Azure Resource Graph' : 'posture read from Azure Resource Graph',
      );
      if (report.unreadable.length > 0) options.logger?.warn({ unreadable: report.unreadable }, 'part of the Azure scope could not be read; the rest loaded');
      if (dropped.size > 0) options.logger?.warn({ droppedSubscriptions: report.droppedSubscriptions }, 'subscriptions no longer readable: their kept rows were dropped');
      return report;
    },
  };
}
