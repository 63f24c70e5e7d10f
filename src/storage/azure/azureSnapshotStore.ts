// The posture snapshot port on Azure Blob storage: one block blob, its meta in the blob's metadata. An upload commits
// the body and the metadata together, and a download returns both from the same version, so replicas never read a
// body with another copy's meta.
import { Readable } from 'node:stream';
import type { ContainerClient } from '@azure/storage-blob';
import { readableMeta, type PostureSnapshotStore, type PublishedSnapshot } from '../../posture/snapshotStore';

export const SNAPSHOT_BLOB = 'posture/snapshot.jsonl.gz';
const META_KEY = 'snapshot';

const statusOf = (error: unknown): number | undefined => (error as { statusCode?: number } | undefined)?.statusCode;

function metaOf(metadata: Record<string, string> | undefined, etag: string | undefined): PublishedSnapshot | undefined {
  const text = metadata?.[META_KEY];
  if (text === undefined || etag === undefined) return undefined;
  try {
    const meta = readableMeta(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return meta ? { meta, etag } : undefined;
  } catch {
    return undefined;
  }
}

export function createAzureSnapshotStore(container: ContainerClient, blobName = SNAPSHOT_BLOB): PostureSnapshotStore {
  const blob = container.getBlockBlobClient(blobName);
  let created: Promise<unknown> | undefined;
  return {
    async head() {
      try {
        const properties = await blob.getProperties();
        return metaOf(properties.metadata, properties.etag);
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw error;
      }
    },

    async publish(meta, body) {
      created ??= container.createIfNotExists().catch((error: unknown) => {
        created = undefined;
        throw error;
      });
      await created;
      const response = await blob.uploadStream(body(), 4 * 1024 * 1024, 2, {
        metadata: { [META_KEY]: Buffer.from(JSON.stringify(meta), 'utf8').toString('base64url') },
        blobHTTPHeaders: { blobContentType: 'application/gzip' },
      });
      return { meta, etag: response.etag ?? '' };
    },

    async open() {
      try {
        const response = await blob.download();
        const found = metaOf(response.metadata, response.etag);
        const body = response.readableStreamBody;
        if (!found || !body) {
          (body as Readable | undefined)?.destroy();
          return undefined;
        }
        return { ...found, body: body instanceof Readable ? body : Readable.from(body) };
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw error;
      }
    },
  };
}
