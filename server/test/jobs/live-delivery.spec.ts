import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOPICS } from '../../src/domain/events/topics';
import { createLogger } from '../../src/domain/logging/logger';
import type { EventBus } from '../../src/events/event-bus';
import { createRedisEventBus } from '../../src/events/redis-event-bus';
import { connectSql, runs, seedSpreadStudents, userWithToken, type Sql } from '../support/sql-fixtures';
import { waitFor } from '../support/wait-for';
import { LiveSubscription } from '../support/live-subscription';
import { createJobsEnvironment, startApiProcess, startWorkerProcess, type ChildNode, type JobsEnvironment } from '../support/job-processes';

interface RunEvent {
  checkRunUpdated: { id: string; trigger: string; state: string; progress: number; finishedAt: string | null };
}
interface HealthEvent {
  healthStatusChanged: { state: string; consistencyRate: number | null; lastRun: { id: string } | null };
}

interface RepairsEvent {
  repairsMade: {
    trigger: string;
    jobId: string | null;
    resolvedViolationIds: string[];
    repairs: Array<{ id: string; action: string; student: { id: string }; actor: { id: string } | null }>;
  };
}

const RUNS = 'subscription { checkRunUpdated { id trigger state progress finishedAt } }';
const HEALTH = 'subscription { healthStatusChanged { state consistencyRate lastRun { id } } }';
const REPAIRS = 'subscription { repairsMade { trigger jobId resolvedViolationIds repairs { id action student { id } actor { id } } } }';

describe('when two API replicas relay the events of one worker', () => {
  let jobs: JobsEnvironment;
  let sql: Sql;
  let closeSql: () => Promise<void>;
  let admin: string;
  let adminId: number;
  let probes: EventBus;
  const processes: ChildNode[] = [];
  const apis: Array<ChildNode & { port: number }> = [];
  const subscriptions: Array<LiveSubscription<unknown>> = [];

  const requestCheck = async (api: { port: number }) => {
    const response = await fetch(`http://127.0.0.1:${api.port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ query: 'mutation { runHealthCheck { id state trigger } }' }),
    });
    const body = (await response.json()) as { data: { runHealthCheck: { id: string; state: string; trigger: string } } };
    return body.data.runHealthCheck;
  };
  const lastRunId = async (api: { port: number }) => {
    const response = await fetch(`http://127.0.0.1:${api.port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ query: '{ healthStatus { lastRun { id } } }' }),
    });
    const body = (await response.json()) as { data: { healthStatus: { lastRun: { id: string } | null } } };
    return body.data.healthStatus.lastRun?.id;
  };
  const gql = async <T>(api: { port: number }, query: string, token = admin): Promise<T> => {
    const response = await fetch(`http://127.0.0.1:${api.port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    return ((await response.json()) as { data: T }).data;
  };
  const wsUrl = (api: { port: number }) => `ws://127.0.0.1:${api.port}/graphql`;
  const subscribe = <T>(api: { port: number }, query: string, token?: string) => {
    const subscription = new LiveSubscription<T>(wsUrl(api), query, token ? `Bearer ${token}` : undefined);
    subscriptions.push(subscription as LiveSubscription<unknown>);
    return subscription;
  };

  beforeAll(async () => {
    jobs = await createJobsEnvironment();
    ({ sql, close: closeSql } = await connectSql(jobs.databaseUrl));
    await seedSpreadStudents(sql, 200, 200_000);
    ({ token: admin, id: adminId } = await userWithToken(sql, 'ADMIN'));
    probes = createRedisEventBus({ url: jobs.redisUrl, prefix: jobs.prefix, logger: createLogger('silent', 'test') });
    const [worker, apiA, apiB] = await Promise.all([
      startWorkerProcess(jobs),
      startApiProcess(jobs, {}, 'api-a'),
      startApiProcess(jobs, {}, 'api-b'),
    ]);
    processes.push(worker, apiA, apiB);
    apis.push(apiA, apiB);
    // The check's scheduler fires once when first created (auto-sync's waits an interval); start from a quiet queue.
    await waitFor(async () => {
      const all = await runs(sql);
      return all.length >= 1 && all.every((r) => r.finished_at !== null);
    }, 30_000);
  });

  afterAll(async () => {
    await Promise.all(subscriptions.map((s) => s.dispose()));
    await Promise.all(processes.map((p) => p.stop()));
    await probes?.close();
    await closeSql?.();
  });

  it("refuses an anonymous connection with 4401, and a student's subscription (not the connection) with FORBIDDEN", async () => {
    const student = await userWithToken(sql, 'STUDENT');
    const anonymous = subscribe(apis[0]!, RUNS);
    const asStudent = subscribe(apis[0]!, RUNS, student.token);
    expect(await anonymous.waitForClose()).toBe(4401);
    expect((await asStudent.waitForRefusal()).map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(asStudent.closeCode).toBeNull();
    expect(anonymous.received).toEqual([]);
    expect(asStudent.received).toEqual([]);
  });

  it('sends each new subscriber the current state first, then every step of a run, on both replicas', async () => {
    const latest = (await runs(sql)).at(-1)!;
    const runWatchers = apis.map((api) => subscribe<RunEvent>(api, RUNS, admin));
    const healthWatchers = apis.map((api) => subscribe<HealthEvent>(api, HEALTH, admin));
    for (const watcher of runWatchers) {
      const first = await watcher.waitFor(() => true);
      expect(first.data.checkRunUpdated.id).toBe(String(latest.id));
    }
    for (const watcher of healthWatchers) {
      const first = await watcher.waitFor(() => true);
      expect(first.data.healthStatusChanged.state).toBe('HEALTHY');
    }

    // Both replicas cache the health now; the run's events must invalidate those caches.
    for (const api of apis) expect((await lastRunId(api))).toBe(String(latest.id));
    const queued = await requestCheck(apis[0]!);
    const runId = queued.id;
    expect(queued).toMatchObject({ state: 'QUEUED', trigger: 'MANUAL' });

    const sequences: string[][] = [];
    for (const watcher of runWatchers) {
      await watcher.waitFor((d) => d.checkRunUpdated.id === runId && d.checkRunUpdated.state === 'SUCCEEDED');
      const steps = watcher.received.map((r) => r.data.checkRunUpdated).filter((r) => r.id === runId);
      expect(steps[0]!.state).toBe('QUEUED');
      expect(steps.at(-1)!.state).toBe('SUCCEEDED');
      const running = steps.filter((s) => s.state === 'RUNNING');
      expect(running.some((s) => s.progress > 0 && s.progress < 1)).toBe(true);
      const progress = running.map((s) => s.progress);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      sequences.push(steps.map((s) => `${s.state}:${s.progress.toFixed(2)}`));
    }
    expect(sequences[1]).toEqual(sequences[0]);
    for (const api of apis) expect(await lastRunId(api)).toBe(runId);

    for (const watcher of healthWatchers) {
      const after = await watcher.waitFor((d) => d.healthStatusChanged.lastRun?.id === runId);
      expect(after.data.healthStatusChanged).toMatchObject({ state: 'HEALTHY', consistencyRate: 1 });
    }

    // A few more runs, alternating the replica asked: how long from finishedAt (stored) to each subscriber.
    const latencies: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const { id } = await requestCheck(apis[i % 2]!);
      for (const watcher of runWatchers) {
        const done = await watcher.waitFor((d) => d.checkRunUpdated.id === id && d.checkRunUpdated.state === 'SUCCEEDED');
        latencies.push(done.at - Date.parse(done.data.checkRunUpdated.finishedAt!));
      }
    }
    for (const watcher of runWatchers) {
      const done = watcher.received.find((r) => r.data.checkRunUpdated.id === runId && r.data.checkRunUpdated.state === 'SUCCEEDED')!;
      latencies.push(done.at - Date.parse(done.data.checkRunUpdated.finishedAt!));
    }
    latencies.sort((a, b) => a - b);
    console.info(`[measure] finishedAt stored → subscriber received, ${latencies.length} samples (5 runs × 2 replicas): min ${latencies[0]} ms, median ${latencies[latencies.length >> 1]} ms, max ${latencies.at(-1)} ms`);
  });

  it('pushes a repair made through one replica to the admins watching on both, and refreshes both metrics', async () => {
    const [pair] = await sql<{ student_id: number }>(`select user_id as student_id from licenses where specialization = 'PLAYER' order by user_id limit 1`);
    const studentId = pair!.student_id;
    await sql(`update licenses set current_level = 3, max_achieved_level = 3 where user_id = $1 and specialization = 'PLAYER'`, [studentId]);
    const check = await requestCheck(apis[0]!);
    await waitFor(async () => (await runs(sql)).find((r) => String(r.id) === check.id && r.finished_at !== null));
    const [violation] = await sql<{ id: number }>('select id from violations where student_id = $1 and resolved_at is null', [studentId]);
    expect(violation).toBeDefined();
    // Both replicas cache metrics that count the violation; the repair's event must invalidate them.
    for (const api of apis) {
      expect((await gql<{ healthMetrics: { openViolations: number } }>(api, '{ healthMetrics { openViolations } }')).healthMetrics.openViolations).toBe(1);
    }

    const watchers = apis.map((api) => subscribe<RepairsEvent>(api, REPAIRS, admin));
    // Nothing is sent on subscribe: a probe on the bus, repeated until each watcher hears it, proves they listen.
    const probe = { trigger: 'AUTO_SYNC' as const, actorId: null, jobId: 'probe', repairs: [], resolvedViolationIds: [], madeAt: new Date() };
    await waitFor(async () => {
      await probes.publish(TOPICS.REPAIRS_MADE, probe);
      return watchers.every((w) => w.received.some((r) => r.data.repairsMade.jobId === 'probe'));
    }, 10_000, 200);

    const { resyncLicense } = await gql<{ resyncLicense: { id: string } }>(apis[0]!, `mutation { resyncLicense(studentId: "${studentId}", specialization: PLAYER) { id } }`);
    for (const watcher of watchers) {
      const { data } = await watcher.waitFor((d) => d.repairsMade.jobId === null);
      expect(data.repairsMade).toEqual({
        trigger: 'MANUAL',
        jobId: null,
        resolvedViolationIds: [String(violation!.id)],
        repairs: [{ id: resyncLicense.id, action: 'LICENSE_LEVEL_SYNCED', student: { id: String(studentId) }, actor: { id: String(adminId) } }],
      });
    }
    for (const api of apis) {
      expect((await gql<{ healthMetrics: { openViolations: number } }>(api, '{ healthMetrics { openViolations } }')).healthMetrics.openViolations).toBe(0);
    }
  });

  it('keeps repair events from students', async () => {
    const student = await userWithToken(sql, 'STUDENT');
    const asStudent = subscribe(apis[1]!, REPAIRS, student.token);
    expect((await asStudent.waitForRefusal()).map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(asStudent.received).toEqual([]);
  });
});
