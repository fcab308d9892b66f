import type { EntityManager } from '@mikro-orm/postgresql';
import type { Knex } from '@mikro-orm/postgresql';

export type Sql = Knex | Knex.Transaction;

/** Runs a raw statement (`?` placeholders) and returns its rows. */
export async function query<T>(sql: Sql, text: string, bindings: readonly unknown[] = []): Promise<T[]> {
  const result = await sql.raw(text, bindings as Knex.RawBinding[]);
  return (result as { rows: T[] }).rows;
}

export function knexOf(em: EntityManager): Knex {
  return em.getKnex();
}

/** PostgreSQL's SQLSTATE for a unique violation, and the constraint that raised it. */
export function uniqueViolation(error: unknown): string | undefined {
  const e = error as { code?: string; constraint?: string };
  return e?.code === '23505' ? (e.constraint ?? 'unique') : undefined;
}
