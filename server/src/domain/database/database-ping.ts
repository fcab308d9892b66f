import type { Orm } from './database';

/** What readiness asks of PostgreSQL: one round trip on a pooled connection, no unit of work needed. */
export async function pingDatabase(orm: Orm): Promise<void> {
  await orm.em.getConnection().execute('select 1');
}
