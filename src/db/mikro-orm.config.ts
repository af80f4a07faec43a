import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { entities } from '../domain/entities';
import { TENANT, tenantFilter } from '../domain/tenancy';
import { migrationsList } from '../../migrations';

/**
 * Migrations are listed in code (migrations/index.ts), not discovered from disk, so the same list runs from
 * ts-jest, from dist/ and in the container.
 */
export function ormConfig(url: string, options: { debug?: boolean; poolMax?: number; log?: (message: string) => void } = {}) {
  return defineConfig({
    driver: PostgreSqlDriver,
    clientUrl: url,
    entities,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    discovery: { warnWhenNoEntities: true },
    pool: { min: 0, max: options.poolMax ?? 20 },
    debug: options.debug ?? false,
    logger: options.log ?? ((message: string) => console.log(message)),
    allowGlobalContext: false,
    // Off here; each request's EntityManager switches it on for its acting site (src/domain/tenancy.ts).
    filters: { [TENANT]: tenantFilter },
    // The tenant filter never hides a parent row (a trigger keeps every row's site equal to its parents'), so
    // joining every many-to-one to re-check it would cost joins and change nothing.
    autoJoinRefsForFilters: false,
    migrations: {
      tableName: 'mikro_orm_migrations',
      path: 'migrations',
      pathTs: 'migrations',
      emit: 'ts',
      snapshot: false,
      transactional: true,
      allOrNothing: true,
      migrationsList,
    },
  });
}
