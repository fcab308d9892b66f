import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { ENTITIES } from './entities';
import { InitialSchema20261123 } from './migrations/20261123-initial-schema.migration';
import { IntegrityCheckIndexes20261123 } from './migrations/20261123-integrity-check-indexes.migration';

export interface DatabaseOptions {
  url: string;
  poolMax?: number;
  debug?: boolean;
}

/** Migrations are listed explicitly so that compiled and transpiled runs find the same set. */
export const MIGRATIONS = [
  { name: 'InitialSchema20261123', class: InitialSchema20261123 },
  { name: 'IntegrityCheckIndexes20261123', class: IntegrityCheckIndexes20261123 },
];

export function ormConfig(options: DatabaseOptions): Options {
  return defineConfig({
    clientUrl: options.url,
    entities: ENTITIES,
    extensions: [Migrator],
    discovery: { warnWhenNoEntities: true },
    pool: { min: 0, max: options.poolMax ?? 20 },
    debug: options.debug ?? false,
    allowGlobalContext: false,
    forceUtcTimezone: true,
    migrations: {
      tableName: 'mikro_orm_migrations',
      migrationsList: MIGRATIONS,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
  });
}
