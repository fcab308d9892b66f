import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The EntityManager a statement runs on: the unit of work's fork (or the fork `em.transactional`
 * hands its callback, so the statement joins that transaction).
 */
export type Sql = EntityManager;

/**
 * Runs a tuned statement (`?` placeholders) on the EntityManager's connection and returns its rows.
 * MikroORM inlines the bindings as literals; a JS array becomes a PostgreSQL array literal here, so
 * `?::int[]` receives one array as it did as a bind parameter.
 */
export async function query<T>(em: Sql, text: string, bindings: readonly unknown[] = []): Promise<T[]> {
  const params = bindings.map((value) => (Array.isArray(value) ? arrayLiteral(value) : value));
  return (await em.execute(text, params, 'all')) as unknown as T[];
}

/** `{1,2}`, `{"PLAYER","COACH"}`, `{NULL,"{\"a\":1}"}`: every element quoted, as the pg driver writes arrays. */
function arrayLiteral(values: readonly unknown[]): string {
  const element = (value: unknown): string => {
    if (value === null || value === undefined) return 'NULL';
    if (Array.isArray(value)) return arrayLiteral(value);
    const text = value instanceof Date ? value.toISOString() : String(value);
    return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  };
  return `{${values.map(element).join(',')}}`;
}

/** PostgreSQL's SQLSTATE for a unique violation, and the constraint that raised it. */
export function uniqueViolation(error: unknown): string | undefined {
  const e = error as { code?: string; constraint?: string };
  return e?.code === '23505' ? (e.constraint ?? 'unique') : undefined;
}
