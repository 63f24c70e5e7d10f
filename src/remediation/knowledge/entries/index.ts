// All knowledge-base entries, by area.
import type { CategoryEntry, KeyEntry } from '../model';
import { APP_SERVICE_ENTRIES } from './appServices';
import { AWS_ENTRIES } from './aws';
import { CATEGORY_ENTRIES } from './categories';
import { COMPUTE_ENTRIES } from './compute';
import { CONTAINER_ENTRIES } from './containers';
import { DATABASE_ENTRIES } from './databases';
import { IDENTITY_ENTRIES } from './identity';
import { KEY_VAULT_ENTRIES } from './keyVault';
import { NETWORKING_ENTRIES } from './networking';
import { STORAGE_ENTRIES } from './storage';

export const ALL_KEY_ENTRIES: readonly KeyEntry[] = [
  ...STORAGE_ENTRIES,
  ...DATABASE_ENTRIES,
  ...COMPUTE_ENTRIES,
  ...NETWORKING_ENTRIES,
  ...APP_SERVICE_ENTRIES,
  ...KEY_VAULT_ENTRIES,
  ...CONTAINER_ENTRIES,
  ...IDENTITY_ENTRIES,
  ...AWS_ENTRIES,
];

export const ALL_CATEGORY_ENTRIES: readonly CategoryEntry[] = CATEGORY_ENTRIES;
