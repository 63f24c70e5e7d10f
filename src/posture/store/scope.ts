// The one seam for viewer scoping: which rows a viewer may see. Today everyone sees everything (undefined);
// the access-scoping issue returns a per-row flag array here and every query honours it.
import type { Viewer } from '../viewer';
import type { PostureTable } from './table';

export type ScopeResolver = (table: PostureTable, viewer: Viewer) => Uint8Array | undefined;

export const everyoneSeesEverything: ScopeResolver = () => undefined;
