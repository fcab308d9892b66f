import { Redis } from 'ioredis';
import { Client } from 'pg';
import { createIntegrityQueue, closeTransport, redisTransport, type IntegrityBullQueue, type QueueTransport } from '../../../server/src/jobs/queue-connection';
import { gql } from '../stack/graphql-http';
import type { LoadStack } from '../stack/load-stack';
import type { WorkerLogLine, WorkerProcess } from './worker-process';
import { jobIdForRun } from '../../../server/src/domain/jobs/job-catalogue';
import { SPECIALIZATIONS } from '../../../server/src/domain/shared/specialization';

/**
 * What the worker faults share: a check long enough to be interrupted, a view of the run in
 * PostgreSQL, of its events on Redis and of its job in BullMQ.
 *
 * A check scans 20,000-student chunks and reports progress after each; the workers' test hook
 * (WORKER_STEP_DELAY_MS) pauses after each report. One student seeded 200,000 ids past the others
 * spreads the span over 11 chunks, so a check takes ~10 paced steps whatever the machine's speed.
 */
export const FAR_STUDENT_OFFSET = 200_000;

export interface RunRow {
  id: number;
  trigger: string;
  state: string;
  progress: number;
  jobId: string | null;
  pairsChecked: number | null;
  inconsistent: number | null;
  error: string | null;
}

/** Moves the id sequence far ahead and adds one consistent student there (once per stack). */
export async function spreadStudentIds(stack: LoadStack): Promise<void> {
  const far = stack.students.lastId + FAR_STUDENT_OFFSET;
  await withClient(stack.database.url, async (client) => {
    const { rows } = await client.query<{ max: number }>('select max(id) as max from users');
    if (rows[0]!.max >= far) return;
    await client.query('begin');
    try {
      await client.query(`select setval(pg_get_serial_sequence('users', 'id'), $1::int)`, [far - 1]);
      const { rows: inserted } = await client.query<{ id: number }>(
        `insert into users (email, password_hash, full_name, role)
         values ('lt-far-student@loadtest.levelsync.local', 'no-login', 'Far Load Student', 'STUDENT') returning id`,
      );
      if (inserted[0]!.id !== far) throw new Error(`the far student got id ${inserted[0]!.id}, expected ${far}`);
      // Level from XP as the enforcer computes it, license at that level: a consistent pair per specialization.
      await client.query(
        `insert into specialization_progress (student_id, specialization, total_xp, current_level)
         select $1, sp.s, 0, (select max(level) from specialization_levels sl where sl.specialization = sp.s and sl.min_xp <= 0)
         from unnest($2::text[]) as sp(s)`,
        [far, SPECIALIZATIONS],
      );
      await client.query(
        `insert into licenses (user_id, specialization, current_level, max_achieved_level)
         select student_id, specialization, current_level, current_level from specialization_progress where student_id = $1`,
        [far],
      );
      await client.query('commit');
    } catch (error) {
      await client.query('rollback');
      throw error;
    }
  });
}

/** Puts `count` random in-sync licenses of the seeded students one level off: LEVEL_MISMATCH violations to find. */
export async function desyncRandomPairs(stack: LoadStack, count: number): Promise<Set<string>> {
  return withClient(stack.database.url, async (client) => {
    const { rows } = await client.query<{ user_id: number; specialization: string }>(
      `update licenses set current_level = case when current_level > 1 then current_level - 1 else 2 end,
                           max_achieved_level = greatest(max_achieved_level, 2)
       where id in (select l.id from licenses l
                    join specialization_progress p on p.student_id = l.user_id and p.specialization = l.specialization
                    where l.user_id between $1 and $2 and l.current_level = p.current_level
                    order by random() limit $3)
       returning user_id, specialization`,
      [stack.students.firstId, stack.students.lastId, count],
    );
    if (rows.length !== count) throw new Error(`could only desync ${rows.length} of ${count} pairs`);
    return new Set(rows.map((r) => `${r.user_id}:${r.specialization}:LEVEL_MISMATCH`));
  });
}

/** Open violations as `student:specialization:type`. */
export async function openViolations(databaseUrl: string): Promise<Set<string>> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ key: string }>(`select student_id || ':' || specialization || ':' || type as key from violations where resolved_at is null`);
    return new Set(rows.map((r) => r.key));
  });
}

export async function runsSince(databaseUrl: string, afterId: number): Promise<RunRow[]> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<RunRow>(
      `select id, trigger, state, progress, job_id as "jobId", pairs_checked as "pairsChecked", inconsistent, error
       from check_runs where id > $1 order by id`,
      [afterId],
    );
    return rows;
  });
}

export async function lastRunId(databaseUrl: string): Promise<number> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ id: number | null }>('select max(id) as id from check_runs');
    return rows[0]!.id ?? 0;
  });
}

/** "Check now" through the API, as the dashboard's button does. */
export async function requestCheck(stack: LoadStack): Promise<number> {
  const result = await gql<{ runHealthCheck: { id: string; state: string } }>(stack.api.graphqlUrl, 'mutation { runHealthCheck { id state } }', {}, stack.adminToken);
  const id = Number(result.data?.runHealthCheck.id);
  if (!Number.isInteger(id) || id <= 0) throw new Error(`runHealthCheck failed: ${JSON.stringify(result.errors ?? result)}`);
  return id;
}

/** Polls until `probe` returns a value; null when `timeoutMs` passes first. */
export interface CheckUnderway {
  runId: number;
  jobId: string;
  /** Matches the "job started" log line of this run's job, on any worker. */
  isJobStart: (line: WorkerLogLine) => boolean;
  /** The worker that took the job, and the other one. */
  holder: WorkerProcess;
  other: WorkerProcess;
  /** The run's progress once it had made some. */
  progress: number;
}

/** "Check now" through the API, then waits until one of two workers holds the job and the run has made progress. */
export async function startCheckOnOneOf(stack: LoadStack, workers: readonly [WorkerProcess, WorkerProcess]): Promise<CheckUnderway> {
  const runId = await requestCheck(stack);
  const jobId = jobIdForRun(runId);
  const isJobStart = (line: WorkerLogLine) => line.msg === 'job started' && line.jobId === jobId;
  const holder = await Promise.any(workers.map((w) => w.waitForLog(isJobStart, 30_000).then(() => w)));
  const other = workers.find((w) => w !== holder)!;
  const progress = await poll(async () => {
    const run = (await runsSince(stack.database.url, runId - 1)).find((r) => r.id === runId);
    return run && run.state === 'RUNNING' && run.progress > 0 ? run.progress : null;
  }, 30_000);
  if (progress === null) throw new Error(`run ${runId} made no progress within 30 s`);
  return { runId, jobId, isJobStart, holder, other, progress };
}

export async function poll<T>(probe: () => Promise<T | null | undefined>, timeoutMs: number, everyMs = 50): Promise<T | null> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (performance.now() > deadline) return null;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A consumer's view of the queue: the producer class the API uses, on the API's key prefix. */
export class QueueProbe {
  readonly queue: IntegrityBullQueue;
  private readonly transport: QueueTransport;

  constructor(stack: LoadStack) {
    this.transport = redisTransport(stack.redis.url, stack.api.keyPrefix);
    this.queue = createIntegrityQueue(this.transport);
  }

  /** Jobs waiting, delayed or active (the schedulers' next jobs, delayed by hours, are not counted). */
  async pending(): Promise<{ waiting: number; active: number }> {
    const counts = await this.queue.getJobCounts('waiting', 'prioritized', 'active');
    return { waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0), active: counts.active ?? 0 };
  }

  jobState(jobId: string): Promise<string> {
    return this.queue.getJobState(jobId);
  }

  /** Attempts BullMQ counted (a failure is one; a stall is not) and stalls it recorded, once the job is done. */
  async attempts(jobId: string): Promise<{ made: number; stalled: number } | null> {
    const job = await this.queue.getJob(jobId);
    return job ? { made: job.attemptsMade, stalled: job.stalledCounter } : null;
  }

  async close(): Promise<void> {
    await this.queue.close();
    await closeTransport(this.transport);
  }
}

const LIVE_JOB_STATES = new Set(['waiting', 'prioritized', 'delayed', 'active', 'waiting-children']);

/**
 * Waits until nothing is queued or running: no job waiting or active in BullMQ, and no run
 * QUEUED or RUNNING whose job is still alive (the schedulers fire once when a worker first creates
 * them, and earlier faults may have left a "check now" queued). A run whose job Redis lost (the
 * Redis fault restarts it empty) is left to the API, which fails it on the next request.
 */
export async function waitForIdle(stack: LoadStack, probe: QueueProbe, timeoutMs = 90_000): Promise<void> {
  const idle = await poll(async () => {
    const { waiting, active } = await probe.pending();
    if (waiting + active > 0) return null;
    const open = await withClient(stack.database.url, async (client) => {
      const { rows } = await client.query<{ job_id: string | null }>(`select job_id from check_runs where state in ('QUEUED', 'RUNNING')`);
      return rows;
    });
    for (const { job_id: jobId } of open) {
      if (!jobId || LIVE_JOB_STATES.has(await probe.jobState(jobId))) return null;
    }
    return true;
  }, timeoutMs, 200);
  if (!idle) throw new Error(`the queue did not drain within ${timeoutMs} ms`);
}

export interface RunEvent {
  id: number;
  state: string;
  progress: number;
  at: number;
}

/** Every CHECK_RUN_UPDATED event the workers publish, straight from the Redis channel. */
export class RunEventLog {
  readonly events: RunEvent[] = [];
  private readonly redis: Redis;

  private constructor(redis: Redis) {
    this.redis = redis;
  }

  static async open(stack: LoadStack): Promise<RunEventLog> {
    const redis = new Redis(stack.redis.url, { maxRetriesPerRequest: 3 });
    const log = new RunEventLog(redis);
    redis.on('message', (_channel: string, message: string) => {
      try {
        const event = JSON.parse(message) as { id: number | string; state: string; progress: number };
        log.events.push({ id: Number(event.id), state: event.state, progress: event.progress, at: performance.now() });
      } catch {
        // not a run snapshot: ignored
      }
    });
    await redis.subscribe(`${stack.api.keyPrefix}:events:CHECK_RUN_UPDATED`);
    return log;
  }

  of(runId: number, state?: string): RunEvent[] {
    return this.events.filter((e) => e.id === runId && (state === undefined || e.state === state));
  }

  close(): void {
    this.redis.disconnect();
  }
}

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
