// botbuilder MemoryStorage that counts reads and writes, to prove a refused activity touched no state.
import { MemoryStorage, type StoreItems } from 'botbuilder';

export class SpyStorage extends MemoryStorage {
  reads = 0;
  writes = 0;
  override async read(keys: string[]): Promise<StoreItems> {
    this.reads += 1;
    return super.read(keys);
  }
  override async write(changes: StoreItems): Promise<void> {
    this.writes += 1;
    return super.write(changes);
  }
  get touched(): boolean {
    return this.reads + this.writes > 0;
  }
}
