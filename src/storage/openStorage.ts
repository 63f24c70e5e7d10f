// Opens the configured storage (STORAGE=sqlite|azure) and hands the composition root every port built on it:
// records (which carry dedup, replies, confirmations, audit, usage, delegations, history, leases...), conversation
// state, and the state pruner and eraser that retention and "forget me" use.
import { join } from 'node:path';
import type { TokenCredential } from '@azure/identity';
import type { StorageConfig } from '../config/features/storage';
import type { Logger } from '../logging/logger';
import { createAzureRecordsStore } from './azure/azureRecordsStore';
import { createAzureSnapshotStore } from './azure/azureSnapshotStore';
import { orphanBlobRule } from './azure/orphanBlobSweep';
import type { RetentionRule } from '../jobs/retentionJob';
import type { PostureSnapshotStore } from '../posture/snapshotStore';
import { assertDatabaseIntact } from './integrityCheck';
import { createRecordsConversationEraser, createRecordsConversationPruner, createRecordsConversationStorage, type StateStorage } from './recordsConversationStorage';
import type { RecordsStore } from './recordsStore';
import { createSqliteConversationEraser } from './sqliteConversationEraser';
import { createSqliteConversationPruner, createSqliteConversations } from './sqliteConversationStorage';
import { createSqliteDatabase, DEFAULT_DATABASE_FILE } from './sqliteDatabase';
import { createSqliteRecords } from './sqliteRecordsStore';
import { createSqliteTurnCommit } from './sqliteTurnCommit';
import { createSequentialTurnCommit, type TurnCommit } from './turnCommit';
import { tracedRecordsStore } from '../telemetry/tracedRecordsStore';
import { tracing } from '../telemetry/tracing';

export interface OpenedStorage {
  kind: 'sqlite' | 'azure';
  records: RecordsStore;
  /** Conversation and user state (botbuilder's Storage shape). */
  conversations: StateStorage;
  /** A turn's state with its held record writes: one transaction on SQLite, one call after another on Azure. */
  commitTurn: TurnCommit;
  pruneConversations(before: number, limit: number): number | Promise<number>;
  eraseConversations(conversationIds: readonly string[], channelUserIds: readonly string[]): number | Promise<number>;
  /** Storage housekeeping the retention job runs with its own rules (Azure: orphaned value blobs). */
  sweeps: RetentionRule[];
  /** Azure: where the replica that reads the posture source publishes its snapshot for the others. */
  snapshots?: PostureSnapshotStore;
  close(): Promise<void>;
}

function newDefaultAzureCredential(): TokenCredential {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DefaultAzureCredential } = require('@azure/identity') as typeof import('@azure/identity');
  return new DefaultAzureCredential();
}

/** Tracing on (OTEL_EXPORTER_OTLP_ENDPOINT): every records call is a span (conversation state on Azure included). */
const traced = (store: RecordsStore): RecordsStore => (tracing().enabled ? tracedRecordsStore(store, tracing()) : store);

export async function openStorage(config: StorageConfig, logger: Logger): Promise<OpenedStorage> {
  const backend = config.storage;
  if (backend.kind === 'azure') {
    // Loaded here, not at the top: the Azure SDKs take a few hundred ms to load, and SQLite storage never needs them.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { azureStorageClients } = require('./azure/azureClients') as typeof import('./azure/azureClients');
    const clients = azureStorageClients(
      backend.connectionString !== undefined
        ? { connectionString: backend.connectionString }
        : { account: backend.account ?? '', cloud: backend.cloud, credential: newDefaultAzureCredential() },
    );
    const records = traced(createAzureRecordsStore({ table: clients.table(backend.table), blobs: clients.container(backend.container) }));
    const conversations = createRecordsConversationStorage(records);
    // Fail at startup, not on the first turn, when the account is unreachable or access is denied.
    await records.get('startup', 'probe');
    logger.info({ storage: 'azure', account: backend.account ?? 'from connection string', table: backend.table, container: backend.container }, 'azure storage open');
    return {
      kind: 'azure',
      records,
      conversations,
      commitTurn: createSequentialTurnCommit(records, conversations),
      pruneConversations: createRecordsConversationPruner(records),
      eraseConversations: createRecordsConversationEraser(records).erase,
      snapshots: createAzureSnapshotStore(clients.container(backend.container)),
      sweeps: [orphanBlobRule({ table: clients.table(backend.table), blobs: clients.container(backend.container) })],
      close: () => records.close(),
    };
  }
  await assertDatabaseIntact(join(config.dataDir, DEFAULT_DATABASE_FILE), { logger });
  const database = createSqliteDatabase(config.dataDir, { logger, checkpoints: 'worker' });
  const records = createSqliteRecords(database);
  const conversations = createSqliteConversations(database);
  return {
    kind: 'sqlite',
    records: traced(records.store),
    conversations: conversations.storage,
    commitTurn: createSqliteTurnCommit(database, records, conversations.stageWrite),
    pruneConversations: createSqliteConversationPruner(database),
    eraseConversations: createSqliteConversationEraser(database).erase,
    sweeps: [],
    close: async () => database.close(),
  };
}
