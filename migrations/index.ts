// Maintained by `npm run migration:create`: every migration class, in the order they run.
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122202907 } from './Migration20261122202907';
import { Migration20261122204028 } from './Migration20261122204028';
import { Migration20261127142545_h8contract } from './Migration20261127142545_h8contract';

export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261122202907', class: Migration20261122202907 },
  { name: 'Migration20261122204028', class: Migration20261122204028 },
  { name: 'Migration20261127142545_h8contract', class: Migration20261127142545_h8contract },
];
