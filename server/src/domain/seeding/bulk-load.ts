import { query, type Sql } from '../database/sql';

/**
 * PostgreSQL's advice for bulk loads ("Populating a Database"): a foreign key checked row by row
 * costs a lookup and a row lock per inserted row; dropped and re-added, it is validated by one
 * join. The definitions are read from the catalogue, so they stay exactly those of the
 * migrations. Inside the caller's transaction, nobody ever sees the tables without them.
 */
export async function withForeignKeysDeferredToEnd<T>(trx: Sql, tables: string[], load: () => Promise<T>): Promise<T> {
  const keys = await query<{ table_name: string; name: string; definition: string }>(
    trx,
    `select conrelid::regclass::text as table_name, conname as name, pg_get_constraintdef(oid) as definition
     from pg_constraint where contype = 'f' and conrelid = any(?::regclass[]) order by conrelid, conname`,
    [tables],
  );
  for (const key of keys) await query(trx, `alter table ${key.table_name} drop constraint ${key.name}`);
  const result = await load();
  for (const key of keys) await query(trx, `alter table ${key.table_name} add constraint ${key.name} ${key.definition}`);
  return result;
}
