import { join } from 'node:path';
import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { ENTITIES } from './entities';
import { InitialSchema20261123 } from './migrations/20261123-initial-schema.migration';
import { IntegrityCheckIndexes20261123 } from './migrations/20261123-integrity-check-indexes.migration';
import { LiveDetection20261202 } from './migrations/20261202-live-detection.migration';
import { Teams20261203 } from './migrations/20261203-teams.migration';
import { Alerts20261203 } from './migrations/20261203-alerts.migration';

export interface DatabaseOptions {
  url: string;
  poolMax?: number;
  debug?: boolean;
}

/**
 * Migrations are listed explicitly so that compiled and transpiled runs find the same set. New ones
 * come from the migrator's diff of the entities against the snapshot (`server/src/cli/create-migration.ts`).
 */
export const MIGRATIONS = [
  { name: 'InitialSchema20261123', class: InitialSchema20261123 },
  { name: 'IntegrityCheckIndexes20261123', class: IntegrityCheckIndexes20261123 },
  { name: 'LiveDetection20261202', class: LiveDetection20261202 },
  { name: 'Teams20261203', class: Teams20261203 },
  { name: 'Alerts20261203', class: Alerts20261203 },
];

const MIGRATIONS_DIR = join(__dirname, 'migrations');

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
      // Where the migrator writes new migrations and its snapshot of the schema the migrations
      // build (refreshed after each `up`); one name for every database the schema is applied to.
      path: MIGRATIONS_DIR,
      pathTs: MIGRATIONS_DIR,
      emit: 'ts',
      snapshot: true,
      snapshotName: '.snapshot-levelsync',
      fileName: (timestamp, name) => `${timestamp}-${name ?? 'schema'}.migration`,
      transactional: true,
      allOrNothing: true,
      silent: true,
    },
  });
}
