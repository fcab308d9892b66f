import { Client } from 'pg';
import { TokenService } from '../../src/domain/auth/token.service';
import { loadConfig } from '../../src/config/app-config';
import type { Role } from '../../src/domain/shared/specialization';
import { TEST_JWT_SECRET } from './test-app';

export type Sql = <T = Record<string, unknown>>(text: string, values?: unknown[]) => Promise<T[]>;

export async function connectSql(databaseUrl: string): Promise<{ sql: Sql; close: () => Promise<void> }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  return {
    sql: async <T>(text: string, values: unknown[] = []) => (await client.query(text, values)).rows as T[],
    close: () => client.end(),
  };
}

/**
 * Consistent students (progress + license at level 1) with ids spread over `spread`, so a check
 * scans several id-range chunks and reports progress between them.
 */
export async function seedSpreadStudents(sql: Sql, count: number, spread = 100_000): Promise<void> {
  await sql(
    `insert into users (id, email, password_hash, full_name, role)
     select g, 'student-' || g || '@levelsync.test', 'x', 'Student ' || g, 'STUDENT'
     from generate_series(1, $1::int) as s(i), lateral (select (s.i * ($2::int / $1::int)) as g) x`,
    [count, spread],
  );
  await sql(`insert into specialization_progress (student_id, specialization) select id, 'PLAYER' from users where role = 'STUDENT'`);
  await sql(`insert into licenses (user_id, specialization) select id, 'PLAYER' from users where role = 'STUDENT'`);
}

/** A user row and a token signed with the test secret (as the spawned processes use). */
export async function userWithToken(sql: Sql, role: Role): Promise<{ id: number; token: string }> {
  const [row] = await sql<{ id: number }>(
    `insert into users (id, email, password_hash, full_name, role)
     values ((select coalesce(max(id), 0) + 1000000 from users), $1, 'x', $2, $3) returning id`,
    [`${role.toLowerCase()}-${Date.now()}-${Math.random()}@levelsync.test`, `${role} user`, role],
  );
  const tokens = new TokenService(loadConfig({ NODE_ENV: 'test', JWT_SECRET: TEST_JWT_SECRET }).domain.jwt);
  const { accessToken } = await tokens.issue({ id: row!.id, role });
  return { id: row!.id, token: accessToken };
}

export interface RunRow {
  id: number;
  trigger: string;
  state: string;
  progress: number;
  started_at: Date | null;
  finished_at: Date | null;
  job_id: string | null;
  error: string | null;
}

export async function runs(sql: Sql): Promise<RunRow[]> {
  return sql<RunRow>('select id, trigger, state, progress, started_at, finished_at, job_id, error from check_runs order by id');
}
