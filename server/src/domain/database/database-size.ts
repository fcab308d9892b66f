import type { Orm } from './database';

/** The size of the database LevelSync runs in, as PostgreSQL counts it (`pg_database_size`, bytes on disk). */
export async function databaseSizeBytes(orm: Orm): Promise<number> {
  const [row] = await orm.em.getConnection().execute<Array<{ bytes: string }>>('select pg_database_size(current_database())::text as bytes');
  return Number(row!.bytes);
}
