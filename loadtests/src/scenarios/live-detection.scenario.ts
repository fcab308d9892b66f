import { createClient } from 'graphql-ws';
import { Pool } from 'pg';
import WebSocket from 'ws';
import { runClosedLoop } from '../drivers/autocannon-driver';
import { startWorkerProcess } from '../faults/worker-process';
import { ConnectionCensus } from '../measure/connection-census';
import { measureMachineLoad, MachineCpuMeter } from '../measure/machine-load';
import { percentile } from '../measure/latency-recorder';
import { runPgbench } from '../references/pgbench-reference';
import { REPO_ROOT } from '../stack/api-process';
import type { LoadStack } from '../stack/load-stack';
import { updateProgressPlan } from './progress-storm.scenario';
import { ms, perS, pct, type Chart, type ScenarioOptions, type ScenarioReport, type SummaryRow } from './scenario.types';

const IS_CHECKER = 'live detection: this worker is the incremental checker';
const CAPTURE_TABLES = ['specialization_progress', 'licenses'];

interface Change {
  violationsChanged: { opened: Array<{ student: { id: string } }>; resolved: string[] };
}

const sleep = (msToWait: number) => new Promise((resolve) => setTimeout(resolve, msToWait));
const quantiles = (values: number[]) => {
  const sorted = Float64Array.from(values).sort();
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), max: sorted.length ? sorted[sorted.length - 1]! : 0 };
};

/**
 * Live detection end to end on the load stack: the real workers process (its live checker) beside
 * the API. Measures (1) an out-of-band commit to a graphql-ws subscriber receiving the violation,
 * (2) a bulk UPDATE of 100,000 rows until every pair is checked, with the API's updateProgress
 * latency during it, (3) updateProgress throughput with the capture triggers and without them
 * (disabled), alternated in the same run, (4) the detection lag under a sustained rate of
 * out-of-band writes.
 */
export async function liveDetection(stack: LoadStack, options: ScenarioOptions): Promise<ScenarioReport> {
  const startedAt = new Date();
  const machine = await measureMachineLoad();
  const quick = options.quick ?? false;
  const notes: string[] = [];
  const pool = new Pool({ connectionString: stack.database.url, max: 10, application_name: 'loadtest-driver' });
  // Waits scale with the seed: the boot sweep of 1M students (3M pairs) takes seconds, not milliseconds.
  const bootWaitMs = Math.max(120_000, (stack.students.pairs / 1_000_000) * 120_000);
  const waiting = async () => (await pool.query<{ n: number }>('select count(*)::int as n from pair_changes')).rows[0]!.n;
  const drained = async (timeoutMs: number) => {
    const deadline = performance.now() + timeoutMs;
    while ((await waiting()) > 0) {
      if (performance.now() > deadline) throw new Error('live detection did not drain its changes in time');
      await sleep(20);
    }
    return performance.now();
  };
  let census: ConnectionCensus | null = null;
  const worker = await startWorkerProcess(stack, { name: 'live-worker', sourceRoot: REPO_ROOT, stepDelayMs: 0 });
  try {
    await worker.waitForLog((l) => l.msg === IS_CHECKER, 30_000);
    // The boot check and the seeding's captured changes are done before anything is timed.
    await drained(bootWaitMs);
    for (let i = 0; i < bootWaitMs / 100 && (await pool.query(`select 1 from check_runs where finished_at is null`)).rowCount! > 0; i += 1) await sleep(100);
    const { firstId, lastId } = stack.students;
    // Who holds PostgreSQL and Redis connections from here to the end (the API at 50 connections in (3) is its peak).
    census = await new ConnectionCensus(stack.database.url, stack.redis.url).start();

    // (1) commit → subscriber
    const latencies: number[] = [];
    const resolveLatencies: number[] = [];
    const client = createClient({ url: stack.api.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${stack.adminToken}` } });
    const waiters = new Map<string, (at: number) => void>();
    const onEvent = (change: Change) => {
      const at = performance.now();
      for (const key of [...change.violationsChanged.opened.map((v) => `open:${v.student.id}`), ...change.violationsChanged.resolved.map((id) => `resolved:${id}`)]) {
        waiters.get(key)?.(at);
        waiters.delete(key);
      }
    };
    const unsubscribe = client.subscribe<Change>(
      { query: 'subscription { violationsChanged { opened { id student { id } } resolved } }' },
      { next: (m) => m.data && onEvent(m.data as Change), error: () => undefined, complete: () => undefined },
    );
    const expect = (key: string, timeoutMs = 10_000) =>
      new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(key);
          reject(new Error(`no ${key} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.set(key, (at) => {
          clearTimeout(timer);
          resolve(at);
        });
      });
    const probes = quick ? 60 : 200;
    for (let i = 0; i < probes + 5; i += 1) {
      const studentId = firstId + Math.floor(Math.random() * (lastId - firstId + 1));
      const opened = expect(`open:${studentId}`);
      await pool.query(
        `update licenses set current_level = case when current_level = 1 then 2 else 1 end, max_achieved_level = greatest(max_achieved_level, 2)
         where user_id = $1 and specialization = 'PLAYER'`,
        [studentId],
      );
      const committed = performance.now();
      const openedAt = await opened.catch(() => null);
      const [violation] = (await pool.query<{ id: number }>(`select id from violations where student_id = $1 and resolved_at is null`, [studentId])).rows;
      const resolved = violation ? expect(`resolved:${violation.id}`) : Promise.resolve(null);
      await pool.query(
        `update licenses l set current_level = p.current_level from specialization_progress p
         where l.user_id = $1 and l.specialization = 'PLAYER' and p.student_id = l.user_id and p.specialization = l.specialization`,
        [studentId],
      );
      const fixed = performance.now();
      const resolvedAt = await resolved.catch(() => null);
      // The first few warm the path (JIT, prepared plans) and are not counted.
      if (i >= 5 && openedAt !== null) latencies.push(openedAt - committed);
      if (i >= 5 && resolvedAt !== null) resolveLatencies.push(resolvedAt - fixed);
      await sleep(20);
    }
    const missedProbes = probes - latencies.length;
    await drained(30_000);

    // (2) a bulk UPDATE of 100,000 rows, with updateProgress running beside it
    const bulkRows = Math.min(100_000, stack.students.pairs);
    const plan = updateProgressPlan(firstId, lastId);
    const base = { url: stack.api.graphqlUrl, token: stack.adminToken, plan };
    const quietApi = (await runClosedLoop({ ...base, connections: 4, durationS: 3 })).summary();
    const bulkStarted = performance.now();
    await pool.query(`update specialization_progress set updated_at = now() where id in (select id from specialization_progress order by id limit $1)`, [bulkRows]);
    const bulkCommitted = performance.now();
    const duringBulk = runClosedLoop({ ...base, connections: 4, durationS: 3 });
    const bulkDone = await drained(300_000);
    const busyApi = (await duringBulk).summary();
    const bulkCheckS = (bulkDone - bulkCommitted) / 1000;

    // (3) updateProgress with and without the capture triggers, alternated
    const phaseS = quick ? 5 : 15;
    const setTriggers = async (on: boolean) => {
      for (const table of CAPTURE_TABLES) await pool.query(`alter table ${table} ${on ? 'enable' : 'disable'} trigger user`);
    };
    await runClosedLoop({ ...base, connections: 50, durationS: 2 }); // warm-up
    const withTriggers: number[] = [];
    const withoutTriggers: number[] = [];
    // The enforcer's own statement straight from pgbench: where the triggers act, without the API's noise.
    const pgWith: number[] = [];
    const pgWithout: number[] = [];
    try {
      for (const on of [true, false, true, false]) {
        await setTriggers(on);
        const run = (await runClosedLoop({ ...base, connections: 50, durationS: phaseS })).summary();
        (on ? withTriggers : withoutTriggers).push(run.throughput);
        const pg = await runPgbench({ databaseUrl: stack.database.url, firstId, lastId, clients: 8, durationS: phaseS });
        (on ? pgWith : pgWithout).push(pg.tps);
      }
    } finally {
      await setTriggers(true);
    }
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const triggerCost = 1 - mean(withTriggers) / mean(withoutTriggers);
    const pgTriggerCost = 1 - mean(pgWith) / mean(pgWithout);
    await drained(30_000);

    // (4) lag under a sustained rate of out-of-band writes (10 % of them desync or fix a pair)
    const rate = options.rate ?? 500;
    const durationS = quick ? 10 : 30;
    const lagSamples: Array<[number, number]> = [];
    let sent = 0;
    let failed = 0;
    const writeStarted = performance.now();
    const sampler = (async () => {
      while (performance.now() - writeStarted < durationS * 1000) {
        const { rows } = await pool.query<{ lag: number | null }>(
          `select (extract(epoch from clock_timestamp() - changed_at) * 1000)::int as lag from pair_changes order by id limit 1`,
        );
        lagSamples.push([(performance.now() - writeStarted) / 1000, Math.max(0, rows[0]?.lag ?? 0)]);
        await sleep(100);
      }
    })();
    const inFlight = new Set<Promise<unknown>>();
    const cpu = new MachineCpuMeter();
    for (let i = 0; i < rate * durationS; i += 1) {
      const due = writeStarted + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const studentId = firstId + Math.floor(Math.random() * (lastId - firstId + 1));
      const write =
        i % 10 === 0
          ? pool.query(
              `update licenses set current_level = case when current_level = 1 then 2 else 1 end, max_achieved_level = greatest(max_achieved_level, 2)
               where user_id = $1 and specialization = 'COACH'`,
              [studentId],
            )
          : pool.query(`update specialization_progress set updated_at = now() where student_id = $1 and specialization = 'INTERNSHIP'`, [studentId]);
      const tracked = write.then(
        () => (sent += 1),
        () => (failed += 1),
      );
      inFlight.add(tracked);
      void tracked.finally(() => inFlight.delete(tracked));
    }
    await Promise.all(inFlight);
    const writesEnded = performance.now();
    const achievedRate = sent / ((performance.now() - writeStarted) / 1000);
    const writesBusy = cpu.busyPercent();
    await sampler;
    const drainAfterS = ((await drained(60_000)) - writesEnded) / 1000;
    const lag = quantiles(lagSamples.map(([, v]) => v));
    const connections = await census.stop();
    census = null;

    await unsubscribe();
    await client.dispose();

    const commit = quantiles(latencies);
    const resolve = quantiles(resolveLatencies);
    if (missedProbes > 0) notes.push(`${missedProbes} of ${probes} probes got no event within 10 s.`);
    notes.push(
      `Students ${stack.students.count.toLocaleString('en')} (${stack.students.pairs.toLocaleString('en')} pairs); one workers process (its live checker) and the API as child processes, plus this driver, on one shared machine.`,
      `The trigger cost is 1 − mean(with)/mean(without) over alternating ${phaseS} s phases at 50 connections; on a shared machine a few % is within the noise of one phase.`,
      `Bulk: ${bulkRows.toLocaleString('en')} progress rows in one UPDATE, from its commit until pair_changes is empty (batches of 20,000 changes).`,
    );
    const pgPeaks = Object.entries(connections.postgres).map(([app, n]) => `${app} ${n}`).join(', ');
    const redisPeaks = Object.entries(connections.redis.byName).map(([name, n]) => `${name || '(unnamed)'} ${n}`).join(', ');
    notes.push(
      `Connections (peak per holder over phases 1–4, ${connections.samples} samples): PostgreSQL ${pgPeaks}; Redis ${connections.redis.total} clients (${redisPeaks}; the API and the worker, the census's own excluded).`,
    );
    const rows: SummaryRow[] = [
      { scenario: 'live detection', metric: 'commit → subscriber p50 / p95', ours: `${ms(commit.p50)} / ${ms(commit.p95)}`, target: 'p95 ≤ 1 s', pass: latencies.length > 0 && commit.p95 <= 1000 },
      { scenario: 'live detection', metric: 'fix → resolved pushed p50 / p95', ours: `${ms(resolve.p50)} / ${ms(resolve.p95)}`, target: '' },
      { scenario: 'live detection', metric: `bulk UPDATE of ${Math.round(bulkRows / 1000)}K rows fully checked`, ours: `${bulkCheckS.toFixed(2)} s`, target: '≤ 10 s', pass: bulkCheckS <= 10 },
      {
        scenario: 'live detection',
        metric: 'updateProgress p95 during the bulk check (4 conns)',
        ours: ms(busyApi.p95),
        reference: `quiet ${ms(quietApi.p95)}`,
        ratio: busyApi.p95 / Math.max(0.001, quietApi.p95),
        target: '',
      },
      {
        scenario: 'live detection',
        metric: 'updateProgress throughput, triggers on vs off',
        ours: perS(mean(withTriggers)),
        reference: `off ${perS(mean(withoutTriggers))}`,
        ratio: mean(withTriggers) / mean(withoutTriggers),
        target: 'cost ≤ 5 %',
        pass: triggerCost <= 0.05,
      },
      {
        scenario: 'live detection',
        metric: 'enforcer statement (pgbench, 8 clients), triggers on vs off',
        ours: `${Math.round(mean(pgWith))} tps`,
        reference: `off ${Math.round(mean(pgWithout))} tps`,
        ratio: mean(pgWith) / mean(pgWithout),
        target: 'cost ≤ 5 %',
        pass: pgTriggerCost <= 0.05,
      },
      {
        scenario: 'live detection',
        metric: `detection lag at ${Math.round(achievedRate)} writes/s p50 / p95 / max`,
        ours: `${ms(lag.p50)} / ${ms(lag.p95)} / ${ms(lag.max)}`,
        target: '',
      },
      { scenario: 'live detection', metric: 'out-of-band write failures', ours: pct(failed / Math.max(1, sent + failed)), target: '0', pass: failed === 0 },
    ];
    const charts: Chart[] = [
      { kind: 'histogram', title: 'Out-of-band commit → violationsChanged received', unit: 'ms', series: [{ name: 'opened', values: latencies }, { name: 'resolved', values: resolveLatencies }] },
      { kind: 'series', title: `Detection lag under ${rate} out-of-band writes/s`, unit: 'ms', xLabel: 's', series: [{ name: 'oldest unchecked change', points: lagSamples }] },
    ];
    return {
      name: 'live-detection',
      title: 'Live detection: out-of-band writes checked as they commit',
      startedAt,
      durationS: (Date.now() - startedAt.getTime()) / 1000,
      machine,
      settings: {
        students: stack.students.count,
        pairs: stack.students.pairs,
        probes,
        bulkRows,
        triggerPhaseS: phaseS,
        apiThroughputPhases: `on ${withTriggers.map(Math.round).join(', ')} / off ${withoutTriggers.map(Math.round).join(', ')}`,
        pgbenchTpsPhases: `on ${pgWith.map(Math.round).join(', ')} / off ${pgWithout.map(Math.round).join(', ')}`,
        offeredWriteRate: rate,
        writeDurationS: durationS,
        machineBusyDuringWrites: `${Math.round(writesBusy)} %`,
        drainAfterWritesS: Number(Math.max(0, drainAfterS).toFixed(2)),
        bulkStartToCommitS: Number(((bulkCommitted - bulkStarted) / 1000).toFixed(2)),
      },
      rows,
      charts,
      notes,
    };
  } finally {
    await census?.stop().catch(() => undefined);
    await worker.kill();
    await pool.end();
  }
}
