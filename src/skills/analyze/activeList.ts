// New list ids for the active list (its shape is the contract in src/actions/contracts/activeList.ts).
import { randomBytes } from 'node:crypto';

export function newListId(): string {
  return randomBytes(6).toString('hex');
}
