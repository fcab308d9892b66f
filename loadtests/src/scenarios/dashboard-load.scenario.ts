import { runClosedLoop } from '../drivers/autocannon-driver';
import { graphqlBody, type RequestPlan } from '../drivers/graphql-request';
import { runOpenLoop } from '../drivers/paced-driver';
import { pinGeneratorApart, type CpuPinning } from '../measure/cpu-pinning';
import { MachineCpuMeter, measureMachineLoad } from '../measure/machine-load';
import { ProcessSampler } from '../measure/process-sampler';
import { startPlainGraphqlServer } from '../references/plain-graphql-process';
import { gql } from '../stack/graphql-http';
import { desyncLastPairs, runCheckInProcess } from '../stack/in-process-check';
import type { LoadStack } from '../stack/load-stack';
import { ms, pct, perS, type ScenarioOptions, type ScenarioReport } from './scenario.types';

/** What the admin dashboard reads on load: health, metrics and the first page of open violations. */
export const DASHBOARD_QUERY = `query Dashboard {
  healthStatus { state consistencyRate nextScheduledAt
    lastRun { id state trigger progress queuedAt finishedAt durationMs pairsChecked inconsistent consistencyRate healthState }
    activeRun { id state progress } }
  healthMetrics { pairsChecked openViolations openViolationsByType { type count } checksLast24h repairsLast24h lastCheckDurationMs averageConsistencyRate }
  violations(first: 20) {
    edges { cursor node { id type specialization progressLevel licenseLevel totalXp firstSeenAt lastSeenAt student { id email fullName } } }
    pageInfo { hasNextPage endCursor } }
}`;

const VIOLATIONS = 300;

/**
 * The dashboard query against our API and against a plain graphql-js server over the same data:
 * saturation throughput with the same connections, then latency at a fixed offered rate.
 */
export async function dashboardLoad(stack: LoadStack, options: ScenarioOptions): Promise<ScenarioReport> {
  const startedAt = new Date();
  const machine = await measureMachineLoad();
  const connections = options.connections ?? 50;
  const rate = options.rate ?? 200;
  await desyncLastPairs(stack.database.url, VIOLATIONS);
  const check = await runCheckInProcess(stack.database.url);
  const body = graphqlBody(DASHBOARD_QUERY);
  const plan: RequestPlan = () => ({ body });
  const probe = await gql(stack.api.graphqlUrl, DASHBOARD_QUERY, {}, stack.adminToken);
  if (probe.errors?.length) throw new Error(`the dashboard query fails on the API: ${JSON.stringify(probe.errors)}`);
  const plain = await startPlainGraphqlServer(stack.database.url);
  let pinning: CpuPinning | null = null;
  try {
    if (options.pinned) {
      pinning = pinGeneratorApart();
      pinning.pinServer(stack.api.pid());
      pinning.pinServer(plain.pid);
    }
    const api = { url: stack.api.graphqlUrl, token: stack.adminToken, plan };
    const ref = { url: plain.url, token: stack.adminToken, plan };
    await runClosedLoop({ ...api, connections, durationS: 2 });
    await runClosedLoop({ ...ref, connections, durationS: 2 });
    const apiCpu = new ProcessSampler(stack.api.pid()).start();
    const apiSatRun = await runClosedLoop({ ...api, connections, durationS: options.durationS });
    const apiCpuS = apiCpu.stop().cpuSeconds;
    const apiSat = apiSatRun.summary();
    const refCpu = new ProcessSampler(plain.pid).start();
    const refSat = (await runClosedLoop({ ...ref, connections, durationS: options.durationS })).summary();
    const refCpuS = refCpu.stop().cpuSeconds;
    const apiCpuMs = (apiCpuS * 1000) / Math.max(1, apiSat.ok);
    const refCpuMs = (refCpuS * 1000) / Math.max(1, refSat.ok);
    // Like the storm: a fixed set of connections opened before the schedule (as pgbench -c), so the
    // servers' accept backlog under load is not part of the latency.
    const fixedCpu = new MachineCpuMeter();
    const fixedFrom = Date.now();
    const apiFixed = await runOpenLoop({ ...api, rate, durationS: options.durationS, connections });
    const fixedTo = Date.now();
    const fixedMachineBusy = fixedCpu.busyPercent();
    const runtime = stack.runtime.summary(fixedFrom, fixedTo);
    const refFixed = await runOpenLoop({ ...ref, rate, durationS: options.durationS, connections });
    const a = apiFixed.summary();
    const r = refFixed.summary();
    const ratio = apiSat.throughput / refSat.throughput;
    return {
      name: 'dashboard-load',
      title: 'Dashboard load: the admin dashboard query',
      startedAt,
      durationS: (Date.now() - startedAt.getTime()) / 1000,
      machine,
      settings: { connections, offeredRate: rate, durationS: options.durationS, query: 'healthStatus + healthMetrics + violations(first: 20)', openViolations: check.inconsistent },
      rows: [
        { scenario: 'dashboard', metric: `throughput, ${connections} conns`, ours: perS(apiSat.throughput), reference: `graphql-js ${perS(refSat.throughput)}`, ratio, target: '≥ 0.7×', pass: ratio >= 0.7 },
        { scenario: 'dashboard', metric: 'server CPU per request (lower is better)', ours: ms(apiCpuMs), reference: `graphql-js ${ms(refCpuMs)}`, ratio: refCpuMs > 0 ? apiCpuMs / refCpuMs : undefined, target: '' },
        { scenario: 'dashboard', metric: `p99 @ ${rate} req/s offered`, ours: ms(a.p99), reference: `graphql-js ${ms(r.p99)}`, target: '≤ 10 ms', pass: a.ok > 0 && a.p99 <= 10 },
        { scenario: 'dashboard', metric: `p50 @ ${rate} req/s offered`, ours: ms(a.p50), reference: `graphql-js ${ms(r.p50)}`, target: '< 50 ms (seed)', pass: a.ok > 0 && a.p50 < 50 },
        { scenario: 'dashboard', metric: 'failures', ours: `${pct(apiSat.failureRate)} / ${pct(a.failureRate)}`, target: '< 0.1 %', pass: apiSat.failureRate < 0.001 && a.failureRate < 0.001 },
      ],
      charts: [
        {
          kind: 'histogram',
          title: `Dashboard query latency at an offered ${rate} req/s`,
          unit: 'ms',
          series: [
            { name: 'API', values: apiFixed.all.filter((s) => s.ok).map((s) => s.latencyMs) },
            { name: 'plain graphql-js', values: refFixed.all.filter((s) => s.ok).map((s) => s.latencyMs) },
          ],
        },
        {
          kind: 'series',
          title: `p99 per second at ${rate} req/s`,
          unit: 'ms',
          xLabel: 's',
          series: [
            { name: 'API', points: apiFixed.perSecond().map((b) => [b.second, b.p99]) },
            { name: 'plain graphql-js', points: refFixed.perSecond().map((b) => [b.second, b.p99]) },
          ],
        },
      ],
      notes: [
        `Saturation (${connections} connections): API ${perS(apiSat.throughput)} p50 ${ms(apiSat.p50)} p99 ${ms(apiSat.p99)}; plain graphql-js ${perS(refSat.throughput)} p50 ${ms(refSat.p50)} p99 ${ms(refSat.p99)}.`,
        `API failures by kind: saturation ${apiSatRun.describeFailures()}; fixed rate ${apiFixed.describeFailures()}.`,
        `Fixed rate ${rate} req/s (open loop, ${connections} connections opened first): API p50 ${ms(a.p50)} p95 ${ms(a.p95)} p99 ${ms(a.p99)}; plain graphql-js p50 ${ms(r.p50)} p95 ${ms(r.p95)} p99 ${ms(r.p99)}.`,
        `API runtime during its fixed rate (250 ms windows): CPU ${runtime.cpuPercent.toFixed(0)} % of one core (whole machine ${fixedMachineBusy.toFixed(0)} % busy); event-loop delay p99 (median window) ${ms(runtime.loopP99MedianMs)}, worst ${ms(runtime.loopMaxMs)}, ${runtime.windowsLoopOver50} of ${runtime.windows} windows held over 50 ms; GC ${runtime.gcCount} pauses (${runtime.gcMajor} full), ${ms(runtime.gcMs)} in all, longest ${ms(runtime.gcMaxMs)}. CPU near a full core with short loop delays means requests queue (the tail follows CPU per request); a long worst delay means a stall.`,
        'The reference makes the same SQL reads with the same 5 s memo of status and metrics, but verifies no token, runs no rate limiter, metrics or framework, and does not ask BullMQ for the next scheduled run: the gap is our HTTP + GraphQL stack.',
        `CPU affinity: ${pinning ? pinning.description : 'none (every process on any core; --pin puts the server and the generator on cores of their own)'}.`,
        `Before the load: ${VIOLATIONS} licenses put one level off and one integrity check run in-process (${(check.ms / 1000).toFixed(2)} s, ${check.inconsistent} inconsistent), so the violations page is full.`,
      ],
    };
  } finally {
    pinning?.release();
    await plain.stop();
  }
}
