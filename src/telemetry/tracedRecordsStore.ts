// A RecordsStore whose every call is a client span: `records.<operation>` with the collection (a fixed name in the
// code, never an id: ids carry conversation and tenant keys). Used only while tracing is on.
import type { RecordsStore } from '../storage/recordsStore';
import type { Tracing } from './tracing';

export function tracedRecordsStore(store: RecordsStore, tracing: Tracing): RecordsStore {
  const span = <T>(operation: string, collection: string, work: () => Promise<T>) =>
    tracing.span(`records.${operation}`, { kind: 'client', attributes: { 'db.operation.name': operation, 'db.collection.name': collection } }, work);
  return {
    get: (collection, id) => span('get', collection, () => store.get(collection, id)),
    put: (collection, id, value, options) => span('put', collection, () => store.put(collection, id, value, options)),
    delete: (collection, id, options) => span('delete', collection, () => store.delete(collection, id, options)),
    list: (collection, options) => span('list', collection, () => store.list(collection, options)),
    prune: (collection, options) => span('prune', collection, () => store.prune(collection, options)),
    close: () => store.close(),
  };
}
