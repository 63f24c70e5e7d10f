// New list ids for the active list (its shape is the contract in src/actions/contracts/activeList.ts).
import { randomUUID } from 'node:crypto';

/** 12 random hex digits (randomUUID draws from a buffered pool: no system call per list, unlike randomBytes). */
export function newListId(): string {
  const uuid = randomUUID();
  return uuid.slice(0, 8) + uuid.slice(9, 13);
}
