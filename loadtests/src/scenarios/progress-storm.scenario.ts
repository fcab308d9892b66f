import { runClosedLoop } from '../drivers/autocannon-driver';
import { runOpenLoop } from '../drivers/paced-driver';
import { graphqlBody, type RequestPlan } from '../drivers/graphql-request';
import { measureMachineLoad, MachineCpuMeter } from '../measure/machine-load';
import { ProcessSampler, readRssMb } from '../measure/process-sampler';
import { percentile } from '../measure/latency-recorder';
import { runPgbench } from '../references/pgbench-reference';
import { startPlainGraphqlServer } from '../references/plain-graphql-process';
import { PgActivitySampler, summariseActivity } from '../stack/pg-activity-sampler';
import type { LoadStack } from '../stack/load-stack';
import { ms, pct, perS, type Chart, type ScenarioOptions, type ScenarioReport } from './scenario.types';
import { SPECIALIZATIONS } from '../../../server/src/domain/shared/specialization';

export const UPDATE_PROGRESS = `mutation Storm($input: ProgressUpdateInput!) {
  updateProgress(input: $input) { previousLevel leveledUp progress { totalXp currentLevel } license { currentLevel maxAchievedLevel } }
}`;

export function updateProgressPlan(firstId: number, lastId: number): RequestPlan {
  return () => {
    const studentId = firstId + Math.floor(Math.random() * (lastId - firstId + 1));
    const specialization = SPECIALIZATIONS[Math.floor(Math.random() * SPECIALIZATIONS.length)]!;
    const xpChange = 10 + Math.floor(Math.random() * 191);
    return { body: graphqlBody(UPDATE_PROGRESS, { input: { studentId: String(studentId), specialization, xpChange } }), tag: { studentId, specialization, xpChange } };
  };
}

/**
 * updateProgress over many students: throughput at saturation (50 connections) against pgbench
 * running the same statement, latency at a fixed offered rate, API memory under the storm.
 */
export async function progressStorm(stack: LoadStack, options: ScenarioOptions): Promise<ScenarioReport> {
  const startedAt = new Date();
  const machine = await measureMachineLoad();
  const students = stack.students.count;
  const connections = options.connections ?? 50;
  const rate = options.rate ?? 500;
  const durationS = options.durationS;
  const { firstId, lastId } = stack.students;
  const plan = updateProgressPlan(firstId, lastId);
  const base = { url: stack.api.graphqlUrl, token: stack.adminToken, plan };
  const idleRssMb = readRssMb(stack.api.pid()) ?? 0;

  // The references first, so that the API's phases follow each other: its pool (which closes
  // connections idle for 30 s) and JIT are as warm for the fixed rate as pgbench's clients, which
  // connect before their schedule starts.
  // The shared server allows 100 connections: pgbench keeps to 50 clients whatever the API gets.
  const pgbenchClients = Math.min(connections, 50);
  const pgbench = await runPgbench({ databaseUrl: stack.database.url, firstId, lastId, clients: pgbenchClients, durationS });
  // The fair reference for the fixed rate: the same statement offered at the same rate by the same
  // number of clients, latency counted from each transaction's scheduled start as ours is.
  const pgbenchFixed = await runPgbench({ databaseUrl: stack.database.url, firstId, lastId, clients: pgbenchClients, durationS, rate });
  const pgFixed = pgbenchFixed.fixedRate!;
  // The second reference: plain graphql-js + pg on node:http, the same mutation and statement, the same load.
  const plain = await startPlainGraphqlServer(stack.database.url, 'plain-graphql-write-server.ts');
  let plainSat, plainFixed, plainCpuMs;
  try {
    const ref = { ...base, url: plain.url };
    await runClosedLoop({ ...ref, connections, durationS: 3 });
    const plainCpu = new ProcessSampler(plain.pid).start();
    plainSat = (await runClosedLoop({ ...ref, connections, durationS })).summary();
    plainCpuMs = (plainCpu.stop().cpuSeconds * 1000) / Math.max(1, plainSat.ok);
    plainFixed = (await runOpenLoop({ ...ref, rate, durationS, connections: pgbenchClients })).summary();
  } finally {
    await plain.stop();
  }

  await runClosedLoop({ ...base, connections, durationS: 3 }); // warm-up: JIT, pool, caches
  const cpu = new MachineCpuMeter();
  const sampler = new ProcessSampler(stack.api.pid()).start();
  const saturationActivity = await new PgActivitySampler(stack.database.url).start();
  const saturation = await runClosedLoop({ ...base, connections, durationS });
  const saturationPool = summariseActivity(await saturationActivity.stop());
  const stormProcess = sampler.stop();
  const machineBusy = cpu.busyPercent();

  const activity = await new PgActivitySampler(stack.database.url).start();
  const fixedSampler = new ProcessSampler(stack.api.pid()).start();
  const fixedCpu = new MachineCpuMeter();
  const fixedFrom = Date.now();
  const fixed = await runOpenLoop({ ...base, rate, durationS, connections: pgbenchClients });
  const fixedTo = Date.now();
  const fixedProcess = fixedSampler.stop();
  const fixedMachineBusy = fixedCpu.busyPercent();
  const pool = summariseActivity(await activity.stop());
  const runtime = stack.runtime.summary(fixedFrom, fixedTo);
  const generator = fixed.generator;
  const pgP = (q: number) => percentile(pgFixed.latenciesMs, q);
  const pgLag = (q: number) => percentile(pgFixed.lagMs, q);

  const sat = saturation.summary();
  const paced = fixed.summary();
  const ratio = sat.throughput / pgbench.tps;
  const overloaded = rate > sat.throughput;
  const charts: Chart[] = [
    { kind: 'histogram', title: `updateProgress latency at an offered ${rate} req/s`, unit: 'ms', series: [{ name: 'API', values: fixed.all.filter((s) => s.ok).map((s) => s.latencyMs) }] },
    { kind: 'histogram', title: `updateProgress latency at saturation (${connections} connections)`, unit: 'ms', series: [{ name: 'API', values: saturation.all.filter((s) => s.ok).map((s) => s.latencyMs) }] },
    {
      kind: 'series',
      title: 'Throughput per second at saturation',
      unit: 'req/s',
      xLabel: 's',
      series: [
        { name: 'API updateProgress', points: saturation.perSecond().map((b) => [b.second, b.count - b.failed]) },
        { name: `pgbench (mean ${Math.round(pgbench.tps)} tps)`, points: saturation.perSecond().map((b) => [b.second, pgbench.tps]) },
      ],
    },
    {
      kind: 'series',
      title: `Latency per second at an offered ${rate} req/s`,
      unit: 'ms',
      xLabel: 's',
      series: [
        { name: 'p50', points: fixed.perSecond().map((b) => [b.second, b.p50]) },
        { name: 'p99', points: fixed.perSecond().map((b) => [b.second, b.p99]) },
      ],
    },
    {
      kind: 'series',
      title: 'API resident memory',
      unit: 'MB',
      xLabel: 's',
      series: [
        { name: 'saturation', points: stormProcess.points.map((p) => [p.atMs / 1000, p.rssMb]) },
        { name: `${rate} req/s`, points: fixedProcess.points.map((p) => [p.atMs / 1000, p.rssMb]) },
      ],
    },
  ];
  return {
    name: 'progress-storm',
    title: 'Progress storm: updateProgress over many students',
    startedAt,
    durationS: (Date.now() - startedAt.getTime()) / 1000,
    machine,
    settings: { students, pairs: stack.students.pairs, connections, offeredRate: rate, durationS },
    rows: [
      { scenario: 'progress storm', metric: `throughput, ${connections} conns`, ours: perS(sat.throughput), reference: `pgbench ${perS(pgbench.tps)}`, ratio, target: '≥ 0.5×', pass: sat.ok > 0 && ratio >= 0.5 },
      {
        scenario: 'progress storm',
        metric: `throughput, ${connections} conns, vs plain graphql + pg`,
        ours: perS(sat.throughput),
        reference: `graphql-js + pg ${perS(plainSat.throughput)}`,
        ratio: sat.throughput / Math.max(1, plainSat.throughput),
        target: '≥ 0.8×',
        pass: sat.ok > 0 && sat.throughput / Math.max(1, plainSat.throughput) >= 0.8,
      },
      {
        scenario: 'progress storm',
        metric: `p99 @ ${rate} req/s offered, vs plain graphql + pg`,
        ours: ms(paced.p99),
        reference: `graphql-js + pg ${ms(plainFixed.p99)}`,
        ratio: paced.p99 / Math.max(0.001, plainFixed.p99),
        target: '≤ 2×',
        pass: paced.ok > 0 && paced.p99 <= 2 * plainFixed.p99,
      },
      {
        scenario: 'progress storm',
        metric: `p99 @ ${rate} req/s offered`,
        ours: ms(paced.p99),
        reference: `pgbench -R ${rate}: p99 ${ms(pgP(0.99))}`,
        ratio: paced.p99 / Math.max(0.001, pgP(0.99)),
        target: '≤ 50 ms',
        pass: paced.ok > 0 && paced.p99 <= 50,
      },
      {
        scenario: 'progress storm',
        metric: `p50 / p95 @ ${rate} req/s offered`,
        ours: `${ms(paced.p50)} / ${ms(paced.p95)}`,
        reference: `pgbench -R ${rate}: ${ms(pgP(0.5))} / ${ms(pgP(0.95))}`,
        target: '',
      },
      {
        scenario: 'progress storm',
        metric: 'API CPU per update (saturation)',
        ours: ms((stormProcess.cpuSeconds * 1000) / Math.max(1, sat.ok)),
        reference: `graphql-js + pg ${ms(plainCpuMs)}`,
        ratio: (stormProcess.cpuSeconds * 1000) / Math.max(1, sat.ok) / Math.max(0.001, plainCpuMs),
        target: '',
      },
      { scenario: 'progress storm', metric: 'failures', ours: `${pct(sat.failureRate)} / ${pct(paced.failureRate)}`, target: '< 1 %', pass: sat.failureRate < 0.01 && paced.failureRate < 0.01 },
      { scenario: 'progress storm', metric: `API peak RSS, ${connections} conns`, ours: `${stormProcess.peakRssMb.toFixed(0)} MB`, reference: `idle ${idleRssMb.toFixed(0)} MB`, target: '≤ 250 MB', pass: stormProcess.peakRssMb <= 250 },
      { scenario: 'progress storm', metric: `API peak RSS @ ${rate} req/s`, ours: `${fixedProcess.peakRssMb.toFixed(0)} MB`, target: '' },
    ],
    charts,
    notes: [
      `Failures by kind: saturation ${saturation.describeFailures()}; fixed rate ${fixed.describeFailures()}.`,
      `Saturation: ${sat.ok} ok / ${sat.failed} failed in ${sat.durationS.toFixed(1)} s; latency p50 ${ms(sat.p50)}, p99 ${ms(sat.p99)}. API CPU ${stormProcess.meanCpuPercent.toFixed(0)} % of one core; whole machine ${machineBusy.toFixed(0)} % busy. PostgreSQL meanwhile: up to ${saturationPool.peakConnected} backends connected, ${saturationPool.meanActive.toFixed(1)} running a statement on average, all busy in ${pct(saturationPool.allBusyShare)} of samples.`,
      `Plain graphql-js + pg on node:http (loadtests/src/references/plain-graphql-write-server.ts: the same mutation, the same statement prepared under the same name, no auth, limiter, framework or unit of work; own process): saturation ${plainSat.ok} ok / ${plainSat.failed} failed, p50 ${ms(plainSat.p50)}, p99 ${ms(plainSat.p99)}; at ${rate} req/s offered p50 ${ms(plainFixed.p50)}, p95 ${ms(plainFixed.p95)}, p99 ${ms(plainFixed.p99)}, ${pct(plainFixed.failureRate)} failed.`,
      `pgbench: ${pgbench.transactions} transactions, ${pgbench.failed} failed, average latency ${ms(pgbench.latencyAvgMs)} (${pgbenchClients} clients, -M prepared as the API runs it, the statement taken from ProgressRepository).`,
      ...(overloaded
        ? [`The offered ${rate} req/s is above what the API sustained at saturation in this run (${perS(sat.throughput)}), so the fixed-rate latency is queueing time that grows for as long as the run lasts, not service time.`]
        : []),
      `Fixed rate (open loop, latency from each request's due time): ${paced.count} sent, achieved ${perS(paced.throughput)}, p50 ${ms(paced.p50)}, p95 ${ms(paced.p95)}, p99 ${ms(paced.p99)}, max ${ms(paced.max)}.`,
      `pgbench at the same fixed rate (-R ${rate}, ${pgbenchClients} clients, same statement, Poisson-spaced by pgbench; latency from each transaction's scheduled start, read from its per-transaction log, so schedule lag is included as in ours): ${pgFixed.latenciesMs.length} transactions, ${perS(pgbenchFixed.tps)}, p50 ${ms(pgP(0.5))}, p95 ${ms(pgP(0.95))}, p99 ${ms(pgP(0.99))}, max ${ms(pgP(1))}; schedule lag alone p99 ${ms(pgLag(0.99))}, max ${ms(pgLag(1))}.`,
      `API runtime during the fixed rate (250 ms windows): event-loop delay p99 (median window) ${ms(runtime.loopP99MedianMs)}, worst ${ms(runtime.loopMaxMs)}, ${runtime.windowsLoopOver50} of ${runtime.windows} windows held over 50 ms; GC ${runtime.gcCount} pauses (${runtime.gcMajor} full), ${ms(runtime.gcMs)} in all, longest ${ms(runtime.gcMaxMs)}; CPU ${runtime.cpuPercent.toFixed(0)} % of one core (whole machine ${fixedMachineBusy.toFixed(0)} % busy); peak heap ${runtime.peakHeapMb.toFixed(0)} MB.`,
      `PostgreSQL during the fixed rate (pg_stat_activity every 50 ms): up to ${pool.peakConnected} backends connected, ${pool.meanActive.toFixed(1)} running a statement on average (peak ${pool.peakActive}), all busy in ${pct(pool.allBusyShare)} of samples; active backends waiting on ${pool.waits.slice(0, 4).map((w) => `${w.event} ${pct(w.share)}`).join(', ') || 'nothing'}.`,
      `Generator (this process, sharing the cores): sent late by p50 ${ms(generator.sendLagP50)}, p99 ${ms(generator.sendLagP99)}, max ${ms(generator.sendLagMax)}; CPU ${generator.cpuPercent.toFixed(0)} % of one core; up to ${generator.peakInFlight} requests in flight; ${pgbenchClients} connections opened before the schedule started (as pgbench's clients), ${generator.socketsOpened} after.`,
    ],
  };
}
