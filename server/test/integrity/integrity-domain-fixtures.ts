import { inject } from 'vitest';
import { loadConfig } from '../../src/config/app-config';
import { connectDatabase, type Orm } from '../../src/domain/database/database';
import { query } from '../../src/domain/database/sql';
import type { Topic, TopicPayloads } from '../../src/domain/events/topics';
import { CheckRunRepository } from '../../src/domain/integrity/check-run.repository';
import type { CheckTrigger } from '../../src/domain/integrity/integrity.types';
import { createDomainServices, type DomainServices } from '../../src/domain/services';
import { inUnitsOfWork } from '../support/units-of-work';
import type { Specialization } from '../../src/domain/shared/specialization';
import { TEST_JWT_SECRET } from '../support/test-app';
import { createTestDatabase } from '../support/test-database';

export interface PublishedEvent<T extends Topic = Topic> {
  topic: T;
  payload: TopicPayloads[T];
}

/** A domain on a fresh database of the test file's own, with every published event recorded. */
export interface IntegrityDomain {
  orm: Orm;
  services: DomainServices;
  events: PublishedEvent[];
  sql<T = Record<string, unknown>>(text: string, bindings?: unknown[]): Promise<T[]>;
  /** The same database, another composition (e.g. other health thresholds). */
  withEnv(env: Record<string, string>): Promise<DomainServices>;
  close(): Promise<void>;
}

export async function createIntegrityDomain(env: Record<string, string> = {}): Promise<IntegrityDomain> {
  const url = await createTestDatabase();
  const orm = await connectDatabase({ url, poolMax: 10 });
  const events: PublishedEvent[] = [];
  const publisher = { publish: (topic: Topic, payload: unknown) => void events.push({ topic, payload } as PublishedEvent) };
  // Each service call is a unit of work of its own, as a job or a GraphQL operation is in the app.
  const compose = async (extra: Record<string, string>) =>
    inUnitsOfWork(
      orm,
      await createDomainServices(
        loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, REDIS_URL: inject('redisUrl'), JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent', ...extra }).domain,
        orm,
        { events: publisher },
      ),
    );
  const services = await compose(env);
  const em = orm.em.fork();
  return {
    orm,
    services,
    events,
    sql: (text, bindings = []) => query(em, text, bindings),
    withEnv: (extra) => compose({ ...env, ...extra }),
    close: () => orm.close(true),
  };
}

let counter = 0;

export async function insertStudent(domain: Pick<IntegrityDomain, 'sql'>, id?: number): Promise<number> {
  counter += 1;
  const [row] = await domain.sql<{ id: number }>(
    id === undefined
      ? `insert into users (email, password_hash, full_name, role) values (?, 'x', ?, 'STUDENT') returning id`
      : `insert into users (id, email, password_hash, full_name, role) values (${Number(id)}, ?, 'x', ?, 'STUDENT') returning id`,
    [`integrity-student-${process.pid}-${counter}@levelsync.test`, `Student ${counter}`],
  );
  return row!.id;
}

export interface PairRows {
  progress?: { totalXp: number; level: number };
  license?: { level: number; maxAchieved?: number };
}

/** Writes a pair exactly as given, bypassing the enforcer: the way drift gets in. */
export async function insertPair(
  domain: Pick<IntegrityDomain, 'sql'>,
  studentId: number,
  specialization: Specialization,
  rows: PairRows,
): Promise<void> {
  if (rows.progress) {
    await domain.sql(
      'insert into specialization_progress (student_id, specialization, total_xp, current_level) values (?, ?, ?, ?)',
      [studentId, specialization, rows.progress.totalXp, rows.progress.level],
    );
  }
  if (rows.license) {
    await domain.sql('insert into licenses (user_id, specialization, current_level, max_achieved_level) values (?, ?, ?, ?)', [
      studentId,
      specialization,
      rows.license.level,
      rows.license.maxAchieved ?? rows.license.level,
    ]);
  }
}

/** PLAYER thresholds (see the initial migration): 1:0, 2:500, 3:1500, 4:3000, 5:6000, 6:10000, 7:16000, 8:25000. */
export const PLAYER_XP = { 1: 0, 2: 500, 3: 1500, 4: 3000, 5: 6000, 6: 10000, 7: 16000, 8: 25000 } as const;

export interface ViolationRow {
  id: number;
  student_id: number;
  specialization: Specialization;
  type: string;
  progress_level: number | null;
  license_level: number | null;
  total_xp: number | null;
  first_seen_at: string;
  last_seen_at: string;
  resolved_at: string | null;
  first_run_id: number | null;
  last_run_id: number | null;
}

export function violationsOf(domain: Pick<IntegrityDomain, 'sql'>, studentId?: number): Promise<ViolationRow[]> {
  return domain.sql<ViolationRow>(
    `select * from violations where (?::int is null or student_id = ?::int) order by id`,
    [studentId ?? null, studentId ?? null],
  );
}

/** Queues a run the way the job producer does, then runs the check on it. */
export async function runCheck(domain: Pick<IntegrityDomain, 'orm'>, services: DomainServices, trigger: CheckTrigger = 'MANUAL') {
  const run = await new CheckRunRepository(domain.orm).createQueued(trigger);
  return services.integrity.run(run.id);
}

export function queueRun(domain: Pick<IntegrityDomain, 'orm'>, trigger: CheckTrigger, jobId?: string) {
  return new CheckRunRepository(domain.orm).createQueued(trigger, jobId);
}
