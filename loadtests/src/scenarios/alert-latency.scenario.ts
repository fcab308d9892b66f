import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { loadConfig } from '../../../server/src/config/app-config';
import { connectDatabase } from '../../../server/src/domain/database/database';
import { withEntityManager } from '../../../server/src/domain/database/entity-manager-scope';
import { createDomainServices } from '../../../server/src/domain/services';
import { startWorkerProcess, type WorkerProcess } from '../faults/worker-process';
import { percentile } from '../measure/latency-recorder';
import { measureMachineLoad } from '../measure/machine-load';
import { LOADTEST_JWT_SECRET, REPO_ROOT } from '../stack/api-process';
import { gql } from '../stack/graphql-http';
import type { LoadStack } from '../stack/load-stack';
import { ms, type ScenarioOptions, type ScenarioReport, type SummaryRow } from './scenario.types';

/** How long one step may take before the run stops with what it was waiting for (never hangs). */
const CHECK_TIMEOUT_MS = 60_000;
const WEBHOOK_TIMEOUT_MS = 30_000;
const SCENARIO_TIMEOUT_MS = 15 * 60_000;
const RULES = 100;
const EVALUATIONS = 30;

interface Received {
  event: string;
  alertId: string | null;
  metric: string | null;
  /** Date.now() when the request's body was in: the same clock PostgreSQL stamps `finished_at` with (one machine). */
  at: number;
}

/** A webhook receiver on loopback that records what it is sent, and lets the run wait for one event. */
async function startReceiver(): Promise<{ url: string; received: Received[]; next(event: string, afterIndex: number, timeoutMs: number): Promise<Received>; close(): Promise<void> }> {
  const received: Received[] = [];
  const waiters = new Set<() => void>();
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const at = Date.now();
      try {
        const parsed = JSON.parse(body) as { event: string; alert?: { id?: string | number; metric?: string } };
        received.push({ event: parsed.event, alertId: parsed.alert?.id === undefined ? null : String(parsed.alert.id), metric: parsed.alert?.metric ?? null, at });
      } catch {
        received.push({ event: '(unparseable)', alertId: null, metric: null, at });
      }
      response.writeHead(204).end();
      for (const wake of [...waiters]) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/levelsync`;
  return {
    url,
    received,
    next: (event, afterIndex, timeoutMs) =>
      new Promise<Received>((resolve, reject) => {
        const look = () => received.slice(afterIndex).find((r) => r.event === event && r.metric === 'CONSISTENCY_RATE');
        const found = look();
        if (found) return resolve(found);
        const wake = () => {
          const hit = look();
          if (!hit) return;
          waiters.delete(wake);
          clearTimeout(timer);
          resolve(hit);
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`alert-latency: no ${event} webhook within ${timeoutMs} ms (received so far: ${received.map((r) => r.event).join(', ') || 'nothing'})`));
        }, timeoutMs);
        waiters.add(wake);
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Rejects with `message` after `timeoutMs`; the timer never keeps the process alive. */
function within<T>(work: Promise<T>, timeoutMs: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(message)), timeoutMs);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const sleep = (msToWait: number) => new Promise((resolve) => setTimeout(resolve, msToWait));

/**
 * Alerting end to end: the real workers process beside the API, a webhook channel on a loopback
 * receiver, the consistency rule notifying it. Each transition is a desync (or its repair) written
 * with plain `pg`, then a check ("check now"); timed from the check's `finished_at` (PostgreSQL's
 * clock) to the webhook's body being in (this process's clock, the same machine). Then the time
 * one evaluation of 100 enabled rules takes, as the worker logs it.
 */
export async function alertLatency(stack: LoadStack, options: ScenarioOptions): Promise<ScenarioReport> {
  return within(run(stack, options), SCENARIO_TIMEOUT_MS, `alert-latency: the scenario did not finish within ${SCENARIO_TIMEOUT_MS / 60_000} min`);
}

async function run(stack: LoadStack, options: ScenarioOptions): Promise<ScenarioReport> {
  const startedAt = new Date();
  const machine = await measureMachineLoad();
  const transitions = options.quick ? 10 : 50;
  const notes: string[] = [];
  const pool = new Pool({ connectionString: stack.database.url, max: 4 });
  const receiver = await startReceiver();
  let worker: WorkerProcess | undefined;
  const api = <T>(query: string, variables: Record<string, unknown> = {}) =>
    gql<T>(stack.api.graphqlUrl, query, variables, stack.adminToken).then((result) => {
      if (result.errors?.length || !result.data) throw new Error(`alert-latency: ${query.slice(0, 60)}… answered ${JSON.stringify(result.errors ?? result.status)}`);
      return result.data;
    });

  try {
    worker = await startWorkerProcess(stack, { name: 'alert-worker', sourceRoot: REPO_ROOT, stepDelayMs: 0 });
    await waitForNoActiveRun(pool);

    const { createNotificationChannel: channel } = await api<{ createNotificationChannel: { id: string } }>(
      `mutation ($input: NotificationChannelInput!) { createNotificationChannel(input: $input) { id } }`,
      { input: { name: 'loadtest receiver', kind: 'WEBHOOK', url: receiver.url, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' } },
    );
    const { alertRules } = await api<{ alertRules: Array<{ id: string; name: string; metric: string; warning: number | null; critical: number | null; enabled: boolean }> }>(
      `{ alertRules { id name metric warning critical enabled } }`,
    );
    const consistency = alertRules.find((rule) => rule.metric === 'CONSISTENCY_RATE');
    if (!consistency) throw new Error('alert-latency: no CONSISTENCY_RATE rule among the seeded defaults');
    // Only this rule notifies the receiver; the others keep their (empty) channels.
    await api(`mutation ($id: ID!, $input: AlertRuleInput!) { updateAlertRule(id: $id, input: $input) { id } }`, {
      id: consistency.id,
      input: { name: consistency.name, metric: consistency.metric, warning: consistency.warning, critical: consistency.critical, forSeconds: 0, enabled: true, channelIds: [channel.id] },
    });

    // 8 % of the pairs one level off: consistency 92 %, below the critical 95 %.
    const { firstId, lastId, pairs } = stack.students;
    const broken = Math.ceil(pairs * 0.08);
    const latencies: number[] = [];
    for (let i = 0; i < transitions; i += 1) {
      const firing = i % 2 === 0;
      if (firing) {
        await pool.query(
          `update licenses set current_level = current_level + 1, max_achieved_level = greatest(max_achieved_level, current_level + 1)
           where id in (select id from licenses where user_id between $1 and $2 and current_level < 5 order by id limit $3)`,
          [firstId, lastId, broken],
        );
      } else {
        await pool.query(
          `update licenses l set current_level = p.current_level from specialization_progress p
           where p.student_id = l.user_id and p.specialization = l.specialization and l.current_level <> p.current_level`,
        );
      }
      const seen = receiver.received.length;
      const runId = await checkNow(stack, pool);
      const webhook = await receiver.next(firing ? 'alert.firing' : 'alert.resolved', seen, WEBHOOK_TIMEOUT_MS);
      const [row] = (await pool.query<{ finished: string }>(`select (extract(epoch from finished_at) * 1000)::float8::text as finished from check_runs where id = $1`, [runId])).rows;
      latencies.push(webhook.at - Number(row!.finished));
      // Live detection reacts to the same writes; let its batch settle so each check starts alone.
      await sleep(200);
    }
    const sorted = Float64Array.from(latencies).sort();
    const extra = receiver.received.filter((r) => r.metric === 'CONSISTENCY_RATE' && (r.event === 'alert.firing' || r.event === 'alert.resolved')).length - transitions;
    notes.push(
      extra === 0
        ? `Exactly one consistency webhook per transition (${transitions}).`
        : `${extra} consistency webhook(s) beyond one per transition (reminders or duplicates) were received.`,
    );

    const evaluation = await evaluationOfRules(stack, api, alertRules.length);

    const rows: SummaryRow[] = [
      { scenario: 'alert latency', metric: `check end → webhook, p50 (${transitions} transitions)`, ours: ms(percentile(sorted, 0.5)), target: '—' },
      { scenario: 'alert latency', metric: 'check end → webhook, p95', ours: ms(percentile(sorted, 0.95)), target: '≤ 5 s ("within seconds")', pass: percentile(sorted, 0.95) <= 5_000 },
      { scenario: 'alert latency', metric: 'check end → webhook, max', ours: ms(sorted[sorted.length - 1] ?? 0), target: '—' },
      { scenario: 'alert latency', metric: 'one evaluation of 100 rules, p50', ours: ms(evaluation.p50), target: '—' },
      { scenario: 'alert latency', metric: 'one evaluation of 100 rules, p95', ours: ms(evaluation.p95), target: '≤ 1 s', pass: evaluation.p95 <= 1_000 },
    ];
    notes.push(...evaluation.notes);
    return {
      name: 'alert-latency',
      title: 'Alert latency: check end to webhook, and evaluation of 100 rules',
      startedAt,
      durationS: (Date.now() - startedAt.getTime()) / 1000,
      machine,
      settings: { transitions, students: stack.students.count, pairs, 'pairs desynced per firing': broken },
      rows,
      charts: [{ kind: 'histogram', title: 'Check end → webhook received', unit: 'ms', series: [{ name: 'latency', values: latencies }] }],
      notes,
    };
  } finally {
    await worker?.kill();
    await receiver.close();
    await pool.end();
  }
}

type Api = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

/**
 * Tops the seeded rules up to 100 enabled ones (spread over the metrics, thresholds nothing here
 * reaches, so evaluations are steady state: every metric read, every rule stepped, nothing moves),
 * then times the evaluator itself, in this process against the run's database, 30 times. The one
 * evaluation at a time rule holds: an evaluation the worker is running meanwhile makes ours skip
 * (not counted). "Workers online" is disabled first: this process has no queue to count workers on.
 */
async function evaluationOfRules(stack: LoadStack, api: Api, seeded: number): Promise<{ p50: number; p95: number; notes: string[] }> {
  const { alertRules } = await api<{ alertRules: Array<{ id: string; name: string; metric: string; warning: number | null; critical: number | null }> }>(
    `{ alertRules { id name metric warning critical } }`,
  );
  for (const rule of alertRules.filter((r) => r.metric === 'WORKERS_ONLINE')) {
    await api(`mutation ($id: ID!, $input: AlertRuleInput!) { updateAlertRule(id: $id, input: $input) { id } }`, {
      id: rule.id,
      input: { name: rule.name, metric: rule.metric, warning: rule.warning, critical: rule.critical, enabled: false },
    });
  }
  const above = ['API_ERROR_RATE', 'API_P95_LATENCY_MS', 'FAILED_INTEGRITY_JOBS_1H', 'PROCESS_MEMORY_MB', 'OPEN_VIOLATIONS', 'QUEUE_DEPTH', 'CHECK_DURATION_SECONDS', 'FAILING_CHANNELS'];
  const enabledSeeded = alertRules.length - alertRules.filter((r) => r.metric === 'WORKERS_ONLINE').length;
  for (let i = 0; i < RULES - enabledSeeded; i += 1) {
    const consistency = i % 9 === 8;
    await api(`mutation ($input: AlertRuleInput!) { createAlertRule(input: $input) { id } }`, {
      input: consistency
        ? { name: `loadtest rule ${i}`, metric: 'CONSISTENCY_RATE', warning: 2, critical: 1, forSeconds: 0 }
        : { name: `loadtest rule ${i}`, metric: above[i % above.length], warning: 1e12, critical: 2e12, forSeconds: 0 },
    });
  }
  const config = loadConfig({ NODE_ENV: 'development', DATABASE_URL: stack.database.url, JWT_SECRET: LOADTEST_JWT_SECRET, LOG_LEVEL: 'silent' });
  const orm = await connectDatabase({ url: stack.database.url, poolMax: 4 });
  try {
    const services = await createDomainServices(config.domain, orm);
    const times: number[] = [];
    let skipped = 0;
    // The first evaluation settles what the rules just created and disabled moved; then steady state.
    await withEntityManager(orm, () => services.alertEvaluator.evaluate());
    for (let i = 0; i < EVALUATIONS; i += 1) {
      const started = performance.now();
      const result = await within(withEntityManager(orm, () => services.alertEvaluator.evaluate()), 30_000, 'alert-latency: one evaluation took over 30 s');
      if (result.ran) times.push(performance.now() - started);
      else skipped += 1;
      await sleep(50);
    }
    const sorted = Float64Array.from(times).sort();
    return {
      p50: percentile(sorted, 0.5),
      p95: percentile(sorted, 0.95),
      notes: [
        `Evaluation: ${RULES} enabled rules (${seeded} seeded, the rest created over ${above.length + 1} metrics), ${times.length} timed evaluations in this process${skipped ? `, ${skipped} skipped while the worker held the evaluation lock` : ''}.`,
      ],
    };
  } finally {
    await orm.close(true);
  }
}

async function waitForNoActiveRun(pool: Pool): Promise<void> {
  const deadline = Date.now() + CHECK_TIMEOUT_MS;
  while ((await pool.query(`select 1 from check_runs where finished_at is null`)).rowCount! > 0) {
    if (Date.now() > deadline) throw new Error(`alert-latency: a check run was still active after ${CHECK_TIMEOUT_MS / 1000} s`);
    await sleep(100);
  }
}

/** "Check now", then the run's id once it has finished (it must succeed). */
async function checkNow(stack: LoadStack, pool: Pool): Promise<number> {
  const result = await gql<{ runHealthCheck: { id: string } }>(stack.api.graphqlUrl, 'mutation { runHealthCheck { id } }', {}, stack.adminToken);
  const id = Number(result.data?.runHealthCheck.id);
  if (!id) throw new Error(`alert-latency: runHealthCheck answered ${JSON.stringify(result.errors ?? result.status)}`);
  const deadline = Date.now() + CHECK_TIMEOUT_MS;
  for (;;) {
    const [run] = (await pool.query<{ state: string }>(`select state from check_runs where id = $1`, [id])).rows;
    if (run?.state === 'SUCCEEDED') return id;
    if (run?.state === 'FAILED') throw new Error(`alert-latency: check run ${id} failed`);
    if (Date.now() > deadline) throw new Error(`alert-latency: check run ${id} did not finish within ${CHECK_TIMEOUT_MS / 1000} s`);
    await sleep(25);
  }
}
