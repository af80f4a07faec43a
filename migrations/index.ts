// Maintained by `npm run migration:create`: every migration class, in the order they run.
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122202907 } from './Migration20261122202907';
import { Migration20261122204028 } from './Migration20261122204028';
import { Migration20261127143100_idempotency_fencing } from './Migration20261127143100_idempotency_fencing';

export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261122202907', class: Migration20261122202907 },
  { name: 'Migration20261122204028', class: Migration20261122204028 },
  { name: 'Migration20261127143100_idempotency_fencing', class: Migration20261127143100_idempotency_fencing },
];
