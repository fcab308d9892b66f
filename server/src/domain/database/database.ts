import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { ormConfig, type DatabaseOptions } from './mikro-orm.config';

export type Orm = MikroORM;

const MIGRATION_LOCK_KEY = 7_310_424_001;

export async function connectDatabase(options: DatabaseOptions): Promise<Orm> {
  return MikroORM.init(ormConfig(options));
}

/**
 * Applies every pending migration. An advisory lock on a dedicated session serialises
 * concurrent starters (several API replicas and workers booting together).
 */
export async function migrateDatabase(orm: Orm, url: string): Promise<string[]> {
  const lock = new Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await orm.getMigrator().up();
    return applied.map((m) => m.name);
  } finally {
    await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.end();
  }
}
