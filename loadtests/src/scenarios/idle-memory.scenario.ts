import { readFileSync } from 'node:fs';
import { findFreePort } from '../../../server/src/standalone/free-port';
import { startWorkerProcess } from '../faults/worker-process';
import { connectHeapInspector, inspectFlag, inspectorUrlAtPort } from '../measure/heap-inspector';
import { measureMachineLoad } from '../measure/machine-load';
import { readRssMb } from '../measure/process-sampler';
import { LOADTEST_ADMIN_EMAIL, LOADTEST_ADMIN_PASSWORD, REPO_ROOT, startApiProcess, workerEntry, type ApiProcess } from '../stack/api-process';
import { login } from '../stack/graphql-http';
import type { LoadStack } from '../stack/load-stack';
import type { Chart, ScenarioOptions, ScenarioReport, SummaryRow } from './scenario.types';

const mb = (value: number) => `${value.toFixed(1)} MB`;
const sleep = (msToWait: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, msToWait)));

/** Resident memory of a process by mapping: the node binary's own pages, and everything else. */
function residentByMapping(pid: number): { binaryMb: number; otherMb: number } {
  let binary = 0;
  let other = 0;
  let name = '';
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      name = head[1] ?? '';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (!rss) continue;
    if (name === process.execPath || name.endsWith('/bin/node')) binary += Number(rss[1]);
    else other += Number(rss[1]);
  }
  return { binaryMb: binary / 1024, otherMb: other / 1024 };
}

interface IdleCurve {
  readyMb: number;
  afterLoginMb: number;
  points: Array<[number, number]>;
  lastMb: number;
}

/** Logins each API makes before it idles: glibc serves the first argon2 block with mmap; what a later one keeps is the question. */
const LOGINS = 3;

/** A fresh API (the stack's admin exists: no bootstrap hash) logs in LOGINS times, then idles; its RSS every second. */
async function idleCurve(api: ApiProcess, seconds: number): Promise<IdleCurve> {
  const readyMb = readRssMb(api.pid()) ?? 0;
  for (let i = 0; i < LOGINS; i += 1) await login(api.graphqlUrl, LOADTEST_ADMIN_EMAIL, LOADTEST_ADMIN_PASSWORD);
  await sleep(500);
  const afterLoginMb = readRssMb(api.pid()) ?? 0;
  const points: Array<[number, number]> = [];
  const started = performance.now();
  for (let s = 1; s <= seconds; s += 1) {
    await sleep(started + s * 1000 - performance.now());
    points.push([s, readRssMb(api.pid()) ?? 0]);
  }
  return { readyMb, afterLoginMb, points, lastMb: points[points.length - 1]?.[1] ?? afterLoginMb };
}

/**
 * The idle memory of the API and a worker, precompiled as `npm run server` / `npm run workers`
 * start them: RSS when ready, after the first login, and over `durationS` of idling; the API with
 * and without package.json's config.malloc_env side by side (both idle at once); then where the
 * API's memory is (the node binary's pages, the V8 heap after a forced full collection).
 */
export async function idleMemory(stack: LoadStack, options: ScenarioOptions): Promise<ScenarioReport> {
  const startedAt = new Date();
  const machine = await measureMachineLoad();
  const seconds = Math.max(10, options.durationS);
  const inspectPort = await findFreePort();
  const base = { databaseUrl: stack.database.url, redisUrl: stack.redis.url, env: { REDIS_KEY_PREFIX: `${stack.api.keyPrefix}idle` } };
  const api = await startApiProcess({ ...base, nodeArgs: [inspectFlag(inspectPort)] });
  const without = await startApiProcess({ ...base, allocatorEnv: false }).catch(async (error: unknown) => {
    await api.stop();
    throw error;
  });
  const worker = await startWorkerProcess(stack, { name: 'idle-worker', sourceRoot: REPO_ROOT, stepDelayMs: 0, entry: workerEntry(REPO_ROOT) }).catch(async (error: unknown) => {
    await Promise.all([api.stop(), without.stop()]);
    throw error;
  });
  try {
    const workerReadyMb = readRssMb(worker.pid) ?? 0;
    const [ours, reference] = await Promise.all([idleCurve(api, seconds), idleCurve(without, seconds)]);
    const workerIdleMb = readRssMb(worker.pid) ?? 0;
    const mapping = residentByMapping(api.pid());
    const inspector = await connectHeapInspector(await inspectorUrlAtPort(inspectPort));
    const afterGc = await inspector.memoryAfterGc();
    inspector.close();
    const rows: SummaryRow[] = [
      { scenario: 'idle memory', metric: 'API RSS when ready', ours: mb(ours.readyMb), reference: `without malloc_env ${mb(reference.readyMb)}`, target: '' },
      {
        scenario: 'idle memory',
        metric: `API RSS after ${LOGINS} logins`,
        ours: mb(ours.afterLoginMb),
        reference: `without malloc_env ${mb(reference.afterLoginMb)}`,
        ratio: ours.afterLoginMb / reference.afterLoginMb,
        target: '≤ 150 MB',
        pass: ours.afterLoginMb <= 150,
      },
      { scenario: 'idle memory', metric: `API RSS after ${seconds} s idle`, ours: mb(ours.lastMb), reference: `without malloc_env ${mb(reference.lastMb)}`, target: '≤ 150 MB', pass: ours.lastMb <= 150 },
      { scenario: 'idle memory', metric: 'worker RSS (precompiled) ready / idle', ours: `${mb(workerReadyMb)} / ${mb(workerIdleMb)}`, target: '' },
      {
        scenario: 'idle memory',
        metric: 'API after a forced full GC: RSS / heap used / external',
        ours: `${mb(afterGc.rssMb)} / ${mb(afterGc.heapUsedMb)} / ${mb(afterGc.externalMb)}`,
        reference: `node binary pages ${mb(mapping.binaryMb)}, the rest ${mb(mapping.otherMb)} (before the GC)`,
        target: '',
      },
    ];
    const charts: Chart[] = [
      { kind: 'series', title: `API RSS while idle, after ${LOGINS} logins`, unit: 'MB', xLabel: 's', series: [{ name: 'with malloc_env', points: ours.points }, { name: 'without', points: reference.points }] },
    ];
    return {
      name: 'idle-memory',
      title: 'Idle memory of the API and a worker (precompiled)',
      startedAt,
      durationS: (Date.now() - startedAt.getTime()) / 1000,
      machine,
      settings: { idleSeconds: seconds, mallocEnv: 'package.json config.malloc_env', students: stack.students.count },
      rows,
      charts,
      notes: [
        `Two fresh API processes on the stack's database and Redis (the admin exists, so neither hashes a password at start), one with package.json's config.malloc_env as \`npm run server\` sets it, one without; each logs in ${LOGINS} times (an argon2 verification each, 19 MiB), then both idle side by side, RSS read from /proc every second.`,
        'Then the first one\'s resident memory by mapping (/proc/<pid>/smaps: the node binary\'s own pages, the rest) and, through its inspector on loopback, process.memoryUsage() after a forced full collection (HeapProfiler.collectGarbage).',
        'V8 collects and returns the young generation it grew while starting only once the process has idled a while (its memory reducer, about two minutes here): the RSS steps down then.',
      ],
    };
  } finally {
    await worker.kill();
    await Promise.all([api.stop(), without.stop()]);
  }
}
