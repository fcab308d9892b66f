import { createClient, type Client as WsGraphqlClient } from 'graphql-ws';
import { Agent, type IncomingMessage } from 'node:http';
import { Redis } from 'ioredis';
import { WebSocket } from 'ws';
import { runClosedLoop } from '../drivers/autocannon-driver';
import { graphqlBody, KEEP_ALIVE_AGENT_TIMEOUT_MS, postGraphql } from '../drivers/graphql-request';
import { runIdempotentWriters } from '../faults/idempotent-writers';
import { poll, QueueProbe, RunEventLog, spreadStudentIds, waitForIdle, withClient, type RunEvent } from '../faults/worker-check';
import { startWorkerProcess, type WorkerProcess } from '../faults/worker-process';
import { measureMachineLoad, MachineCpuMeter } from '../measure/machine-load';
import { ProcessSampler } from '../measure/process-sampler';
import { REPO_ROOT, startApiProcess, workerEntry, type ApiProcess } from '../stack/api-process';
import { gql, login } from '../stack/graphql-http';
import type { LoadStack } from '../stack/load-stack';
import { answeringUpstream, startNginx, UPSTREAM_HEADER, type NginxBalancer } from '../stack/nginx-balancer';
import { compareXp, playerXp } from '../stack/progress-snapshot';
import { resolveSourceTree } from '../stack/source-snapshot';
import { updateProgressPlan } from './progress-storm.scenario';
import { ms, pct, perS, type Chart, type ScenarioOptions, type ScenarioReport, type SummaryRow } from './scenario.types';

/** The per-user reads budget every replica enforces in this scenario: real, so that it is refused; shared through Redis. */
export const SCALE_OUT_READS_PER_MINUTE = 2_000;

/**
 * What every replica of this scenario runs with, over the stack's lifted limits: a real reads budget
 * (the one the rate-limit phase exhausts), and nginx trusted to name the client (as behind any
 * proxy). Mutations keep the lifted budget, so the throughput phases measure the API, not refusals.
 */
export const SCALE_OUT_API_ENV: Record<string, string> = {
  RATE_LIMIT_READS_PER_MINUTE: String(SCALE_OUT_READS_PER_MINUTE),
  TRUST_PROXY: 'loopback',
};

const REPLICAS = 3;
const WORKERS = 2;
/** The workers' test hook: a pause after each progress step, so a check spans several seconds and many events. */
const STEP_DELAY_MS = 250;
const SUBSCRIPTION = 'subscription ScaleOut { checkRunUpdated { id state progress } }';
const ME = 'query ScaleOutMe { me { id } }';
const sleep = (msToWait: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, msToWait)));
const eventKey = (e: { id: number | string; state: string; progress: number }) => `${Number(e.id)}:${e.state}:${e.progress}`;

/** One graphql-ws client of checkRunUpdated through nginx, retrying for ever, with the replica of each connection. */
interface Subscriber {
  readonly index: number;
  /** The replica (`127.0.0.1:port`) of each connection it made, from nginx's `X-Upstream` on the upgrade. */
  readonly upstreams: string[];
  /** Connections acknowledged so far (graphql-ws `connected`), the first included. */
  readonly connects: number;
  readonly received: Array<{ key: string; at: number }>;
  readonly client: WsGraphqlClient;
}

/** A `ws` WebSocket that reports the upgrade response's `X-Upstream` (graphql-ws takes a class, not an instance). */
function upstreamReportingWebSocket(onUpgrade: (upstream: string | undefined) => void): typeof WebSocket {
  class ReportingWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols);
      this.once('upgrade', (response: IncomingMessage) => onUpgrade(answeringUpstream(response.headers[UPSTREAM_HEADER])));
    }
  }
  return ReportingWebSocket as unknown as typeof WebSocket;
}

function openSubscriber(url: string, token: string, index: number): Promise<Subscriber> {
  return new Promise((resolve, reject) => {
    const upstreams: string[] = [];
    const received: Subscriber['received'] = [];
    const counts = { connects: 0 };
    const client = createClient({
      url,
      webSocketImpl: upstreamReportingWebSocket((upstream) => upstreams.push(upstream ?? 'unknown')),
      lazy: false,
      // A replica that dies closes its sockets abnormally: come back (through nginx, to another one) at once.
      retryAttempts: 1_000,
      shouldRetry: () => true,
      retryWait: () => sleep(200 + Math.random() * 300),
      connectionParams: { authorization: `Bearer ${token}` },
      on: {
        connected: () => {
          counts.connects += 1;
        },
      },
    });
    const joined: Subscriber = {
      index,
      upstreams,
      get connects() {
        return counts.connects;
      },
      received,
      client,
    };
    const timer = setTimeout(() => reject(new Error(`subscriber ${index} heard nothing within 20 s`)), 20_000);
    let first = true;
    client.subscribe<{ checkRunUpdated: { id: string; state: string; progress: number } }>(
      { query: SUBSCRIPTION },
      {
        next: (message) => {
          if (message.data) received.push({ key: eventKey(message.data.checkRunUpdated), at: performance.now() });
          if (first) {
            first = false;
            clearTimeout(timer);
            resolve(joined);
          }
        },
        error: (error) => reject(error instanceof Error ? error : new Error(`subscriber ${index}: ${JSON.stringify(error)}`)),
        complete: () => undefined,
      },
    );
  });
}

/** Every published event from `since` on, against what each subscriber received since then. */
function deliveries(subscribers: Subscriber[], published: RunEvent[], since: number) {
  const expected = new Set(published.filter((e) => e.at >= since).map(eventKey));
  let delivered = 0;
  const incomplete: Subscriber[] = [];
  for (const s of subscribers) {
    const got = new Set(s.received.filter((r) => r.at >= since).map((r) => r.key));
    let hits = 0;
    for (const key of expected) if (got.has(key)) hits += 1;
    delivered += hits;
    if (hits < expected.size) incomplete.push(s);
  }
  return { events: expected.size, expected: expected.size * subscribers.length, delivered, incomplete };
}

/** A mutation through nginx, with the replica that answered it. */
async function mutateVia(url: string, query: string, token: string): Promise<{ id: number | null; upstream: string | undefined; error?: string }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: graphqlBody(query) });
  const body = (await response.json()) as { data?: Record<string, { id: string }> | null; errors?: Array<{ message: string }> };
  const value = body.data ? Object.values(body.data)[0] : undefined;
  return { id: value ? Number(value.id) : null, upstream: answeringUpstream(response.headers.get(UPSTREAM_HEADER) ?? undefined), error: body.errors?.[0]?.message };
}

/** Open WebSocket connections a replica counts itself (its /metrics gauge), read from it directly. */
async function websocketGauge(api: ApiProcess): Promise<number | null> {
  try {
    const text = await (await fetch(`${api.url}/metrics`)).text();
    const match = /^levelsync_websocket_connections(?:\{[^}]*\})? (\d+(?:\.\d+)?)$/m.exec(text);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

interface Burst {
  sent: number;
  admitted: number;
  refused: number;
  failed: number;
  admittedBy: Map<string, number>;
  elapsedMs: number;
}

/** `total` reads of one user through nginx, `concurrency` at a time: what each replica admitted and what was refused (429 RATE_LIMITED). */
async function readBurst(url: string, token: string, total: number, concurrency: number): Promise<Burst> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency, timeout: KEEP_ALIVE_AGENT_TIMEOUT_MS });
  const target = new URL(url);
  const body = graphqlBody(ME);
  const result: Burst = { sent: 0, admitted: 0, refused: 0, failed: 0, admittedBy: new Map(), elapsedMs: 0 };
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (result.sent < total) {
        result.sent += 1;
        await new Promise<void>((resolve) => {
          postGraphql({ url: target, agent, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body, timeoutMs: 10_000 }, (ok, _text, kind, headers) => {
            if (ok) {
              result.admitted += 1;
              const upstream = answeringUpstream(headers?.[UPSTREAM_HEADER]) ?? 'unknown';
              result.admittedBy.set(upstream, (result.admittedBy.get(upstream) ?? 0) + 1);
            } else if (kind === 'http 429' || kind === 'RATE_LIMITED') result.refused += 1;
            else result.failed += 1;
            resolve();
          });
        });
      }
    }),
  );
  result.elapsedMs = performance.now() - started;
  agent.destroy();
  return result;
}

interface RunInterval {
  id: number;
  trigger: string;
  state: string;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** Pairs of runs whose RUNNING intervals [started_at, finished_at] overlap; a run still open counts as running until now. */
function overlappingRuns(runs: RunInterval[]): Array<[number, number]> {
  const started = runs.filter((r) => r.startedAt).sort((a, b) => a.startedAt!.getTime() - b.startedAt!.getTime());
  const overlaps: Array<[number, number]> = [];
  for (let i = 0; i < started.length; i += 1) {
    const end = (started[i]!.finishedAt ?? new Date()).getTime();
    for (let j = i + 1; j < started.length && started[j]!.startedAt!.getTime() < end; j += 1) overlaps.push([started[i]!.id, started[j]!.id]);
  }
  return overlaps;
}

/**
 * Three API processes and two workers (the precompiled builds, as `npm run server` / `npm run
 * workers` start them) on one PostgreSQL and one Redis, behind a real nginx on loopback. Measures
 * updateProgress throughput through nginx to 1, 2 and 3 replicas; proves that the reads budget is
 * shared across replicas (one user's burst spread over all three), that every graphql-ws subscriber
 * on every replica receives every checkRunUpdated event the workers publish, that no two checks ever
 * run at once with two workers and "check now" / auto-sync asked of every replica at once, and that
 * a replica killed with SIGKILL under writes loses no acknowledged write while its subscribers come
 * back through nginx to the others and keep receiving.
 */
export async function scaleOut(stack: LoadStack, options: ScenarioOptions): Promise<ScenarioReport> {
  const startedAt = new Date();
  const machine = await measureMachineLoad();
  const quick = options.quick ?? false;
  const notes: string[] = [];
  const rows: SummaryRow[] = [];
  const charts: Chart[] = [];
  const settings: Record<string, string | number> = {};
  const cleanups: Array<() => Promise<void> | void> = [];
  const { firstId, lastId } = stack.students;
  try {
    // --- boot: two more replicas under the stack API's key prefix, two precompiled workers, nginx
    const source = resolveSourceTree(REPO_ROOT);
    cleanups.push(() => source.remove());
    const replicas: ApiProcess[] = [stack.api];
    for (let i = 1; i < REPLICAS; i += 1) {
      // One after the other: each start builds dist/ in the source tree.
      const replica = await startApiProcess({
        databaseUrl: stack.database.url,
        redisUrl: stack.redis.url,
        sourceRoot: source.root,
        env: { REDIS_KEY_PREFIX: stack.api.keyPrefix, ...SCALE_OUT_API_ENV },
      });
      cleanups.push(() => replica.stop());
      replicas.push(replica);
    }
    const address = (api: ApiProcess) => `127.0.0.1:${api.port}`;
    const entry = workerEntry(source.root);
    const workers: WorkerProcess[] = [];
    for (let i = 1; i <= WORKERS; i += 1) {
      const worker = await startWorkerProcess(stack, { name: `scale-worker-${i}`, sourceRoot: source.root, stepDelayMs: STEP_DELAY_MS, entry });
      cleanups.push(() => worker.kill());
      workers.push(worker);
    }
    const pools = replicas.map((_, i) => ({ name: `${i + 1}`, ports: replicas.slice(0, i + 1).map((r) => r.port) }));
    const nginx: NginxBalancer = await startNginx(pools);
    cleanups.push(() => nginx.stop());
    const all = String(REPLICAS);
    const probe = new QueueProbe(stack);
    cleanups.push(() => probe.close());
    await waitForIdle(stack, probe);
    // One student far past the others: a check then scans 11 chunks and reports progress after each.
    await spreadStudentIds(stack);
    settings.nginx = nginx.version;
    settings.replicas = `${REPLICAS} API (${replicas.map(address).join(', ')}), ${WORKERS} workers, precompiled (dist/)`;
    settings.readsPerMinute = SCALE_OUT_READS_PER_MINUTE;

    // --- 1. updateProgress throughput through nginx to 1, 2, 3 replicas (and to one replica directly)
    const plan = updateProgressPlan(firstId, lastId);
    const connections = options.connections ?? 32;
    const stepS = options.durationS;
    await runClosedLoop({ url: nginx.graphqlUrl(all), token: stack.adminToken, plan, connections, durationS: 3 });
    const sweep: Array<{ label: string; url: string; count: number }> = [
      { label: '1 replica, direct (no nginx)', url: stack.api.graphqlUrl, count: 1 },
      ...pools.map((p) => ({ label: `${p.name} ${p.ports.length === 1 ? 'replica' : 'replicas'} via nginx`, url: nginx.graphqlUrl(p.name), count: p.ports.length })),
    ];
    // Forward then backward (ABBA), so that a drift in the machine's other load weighs on every step alike.
    const passes = [sweep, [...sweep].reverse()];
    const samples = new Map(sweep.map((step) => [step, [] as Array<{ throughput: number; p99: number; failed: number; busy: number; apiCpu: number[] }>]));
    for (const pass of passes) {
      for (const step of pass) {
        const cpu = new MachineCpuMeter();
        const samplers = replicas.map((r) => new ProcessSampler(r.pid()).start());
        const run = (await runClosedLoop({ url: step.url, token: stack.adminToken, plan, connections, durationS: stepS })).summary();
        const apiCpu = samplers.map((s) => s.stop().meanCpuPercent);
        samples.get(step)!.push({ throughput: run.throughput, p99: run.p99, failed: run.failed, busy: cpu.busyPercent(), apiCpu });
      }
    }
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
    const measured = sweep.map((step) => {
      const runs = samples.get(step)!;
      return {
        label: step.label,
        throughput: mean(runs.map((r) => r.throughput)),
        passes: runs.map((r) => Math.round(r.throughput)),
        p99: Math.max(...runs.map((r) => r.p99)),
        failed: runs.reduce((a, r) => a + r.failed, 0),
        busy: mean(runs.map((r) => r.busy)),
        apiCpu: replicas.map((_, i) => mean(runs.map((r) => r.apiCpu[i] ?? 0))),
      };
    });
    const viaOne = measured[1]!.throughput;
    for (const m of measured) {
      rows.push({
        scenario: 'scale-out',
        metric: `updateProgress, ${m.label} (${connections} conns)`,
        ours: `${perS(m.throughput)} (passes ${m.passes.join(', ')}), p99 ≤ ${ms(m.p99)}`,
        reference: m === measured[1] ? undefined : `1 via nginx ${perS(viaOne)}`,
        ratio: m === measured[1] ? undefined : m.throughput / viaOne,
        target: '',
      });
      settings[`cpu: ${m.label}`] = `machine ${Math.round(m.busy)} % busy; API replicas ${m.apiCpu.map((c) => `${Math.round(c)} %`).join(' / ')} of a core; ${m.failed} failed`;
    }
    notes.push(
      `Throughput per replica count: autocannon, ${connections} connections, ${stepS} s per step, the same random updateProgress mix, on the same stack; every step runs twice, in order and then in reverse order (ABBA), and the figure is the mean of its two passes (p99: the worse of the two). ` +
        `This machine has 2 cores shared by the ${REPLICAS} replicas, ${WORKERS} workers, PostgreSQL, Redis, nginx and the load generator (and other tenants): ` +
        `more replicas cannot add CPU here, so a flat or falling line is the expected result, not a scaling verdict; the CPU lines in the settings show where the cores went.`,
    );

    // --- 2. the reads budget is one budget across replicas
    const email = `scale-reader-${Date.now()}@loadtest.levelsync.local`;
    const password = 'Scale-out-reader-lantern-4417';
    const created = await gql<{ createUser: { id: string } }>(
      nginx.graphqlUrl(all),
      'mutation Reader($input: CreateUserInput!) { createUser(input: $input) { id } }',
      { input: { email, password, fullName: 'Scale-out Reader', role: 'STUDENT' } },
      stack.adminToken,
    );
    const readerId = created.data?.createUser.id;
    if (!readerId) throw new Error(`createUser failed: ${JSON.stringify(created.errors)}`);
    const readerToken = await login(nginx.graphqlUrl(all), email, password);
    const limit = SCALE_OUT_READS_PER_MINUTE;
    // A fresh user: its window starts at its first read; the burst ends well inside the 60 s window.
    const burst = await readBurst(nginx.graphqlUrl(all), readerToken, limit * 3, 24);
    const redis = new Redis(stack.redis.url, { maxRetriesPerRequest: 3 });
    const sharedCounter = Number(await redis.get(`${stack.api.keyPrefix}:rl:reads:user:${readerId}`));
    const windowTtlMs = await redis.pttl(`${stack.api.keyPrefix}:rl:reads:user:${readerId}`);
    redis.disconnect();
    const leaseCap = Math.ceil(limit / 10);
    const lowestAllowed = limit - (REPLICAS - 1) * leaseCap;
    const error = (burst.admitted - limit) / limit;
    rows.push({
      scenario: 'scale-out',
      metric: `one user's reads through nginx, ${REPLICAS} replicas (${burst.sent} sent in ${(burst.elapsedMs / 1000).toFixed(1)} s)`,
      ours: `${burst.admitted} admitted (${pct(error)} vs limit)`,
      reference: `limit ${limit}/min`,
      ratio: burst.admitted / limit,
      target: `${lowestAllowed}–${limit} (never above; ≤ ⌈limit/10⌉ early per other replica)`,
      pass: burst.admitted <= limit && burst.admitted >= lowestAllowed && burst.failed === 0,
    });
    settings['reads admitted per replica'] = [...burst.admittedBy].map(([u, n]) => `${u} ${n}`).join(', ');
    settings['reads refused (429) / failed'] = `${burst.refused} / ${burst.failed}`;
    settings['shared Redis counter after the burst'] = `${sharedCounter} points reserved, window ${(windowTtlMs / 1000).toFixed(0)} s left`;
    notes.push(
      `Rate limit: RATE_LIMIT_READS_PER_MINUTE=${limit} on every replica; a fresh STUDENT's \`me\` query ${burst.sent} times, 24 at a time, through nginx (round-robin over the ${REPLICAS} replicas). ` +
        `Each replica takes the user's budget from the shared Redis counter in leases (server/src/http/rate-lease.ts): nothing is admitted beyond the limit, and a replica may refuse early while others still hold leased points, at most ⌈limit/10⌉ = ${leaseCap} per other replica. ` +
        `Without the shared counter, ${REPLICAS} replicas would admit up to ${REPLICAS * limit}.`,
    );

    // --- 3. every subscriber on every replica receives every event; no check overlaps another
    const subscriberCount = quick ? 30 : 90;
    const subscribers: Subscriber[] = [];
    for (let start = 0; start < subscriberCount; start += 15) {
      const batch = Array.from({ length: Math.min(15, subscriberCount - start) }, (_, k) => openSubscriber(nginx.wsUrl(all), stack.adminToken, start + k));
      subscribers.push(...(await Promise.all(batch)));
    }
    cleanups.push(async () => {
      await Promise.all(subscribers.map((s) => s.client.dispose()));
    });
    const perReplica = (list: Subscriber[]) => replicas.map((r) => list.filter((s) => s.upstreams[s.upstreams.length - 1] === address(r)).length);
    const joinedPerReplica = perReplica(subscribers);
    const gaugesJoined = await Promise.all(replicas.map(websocketGauge));
    const events = await RunEventLog.open(stack);
    cleanups.push(() => events.close());
    const rounds = quick ? 2 : 3;
    const phaseStart = performance.now();
    const background = runClosedLoop({ url: nginx.graphqlUrl(all), token: stack.adminToken, plan, connections: 4, durationS: rounds * 6 });
    const triggeredBy = new Map<string, number>();
    let triggerErrors = 0;
    for (let round = 0; round < rounds; round += 1) {
      // "Check now" and auto-sync asked of every replica at once: deduplication and the global concurrency of 1 must keep them in line.
      const asked = await Promise.all(
        Array.from({ length: REPLICAS }, (_, k) =>
          mutateVia(nginx.graphqlUrl(all), k % 2 === 0 ? 'mutation { runHealthCheck { id } }' : 'mutation { runAutoSync { id } }', stack.adminToken),
        ),
      );
      for (const a of asked) {
        if (a.id === null) triggerErrors += 1;
        triggeredBy.set(a.upstream ?? 'unknown', (triggeredBy.get(a.upstream ?? 'unknown') ?? 0) + 1);
      }
      await waitForIdle(stack, probe);
    }
    await background;
    await sleep(1_500);
    const fanOut = deliveries(subscribers, events.events, phaseStart);
    rows.push({
      scenario: 'scale-out',
      metric: `checkRunUpdated events × subscribers (${subscriberCount} subs: ${joinedPerReplica.join(' / ')} per replica)`,
      ours: `${fanOut.delivered} / ${fanOut.expected}`,
      reference: `${fanOut.events} events published`,
      target: 'all',
      pass: fanOut.events > 0 && fanOut.delivered === fanOut.expected,
    });
    settings['subscribers per replica (client view / replica gauge)'] = replicas.map((r, i) => `${address(r)} ${joinedPerReplica[i]} / ${gaugesJoined[i] ?? '?'}`).join(', ');
    settings['check triggers answered per replica'] = [...triggeredBy].map(([u, n]) => `${u} ${n}`).join(', ') + (triggerErrors ? `; ${triggerErrors} failed` : '');
    if (fanOut.incomplete.length) notes.push(`Subscribers missing events: ${fanOut.incomplete.map((s) => `#${s.index} on ${s.upstreams.join('→')}`).join(', ')}.`);

    // --- 4. SIGKILL one replica under idempotent writes: no acknowledged write lost, its subscribers come back elsewhere
    const victim = replicas[REPLICAS - 1]!;
    const onVictim = subscribers.filter((s) => s.upstreams[s.upstreams.length - 1] === address(victim));
    const writeStudents = 1_000;
    const killPhaseS = quick ? 12 : 20;
    const xpBefore = await playerXp(stack.database.url, firstId, firstId + writeStudents - 1);
    const writing = runIdempotentWriters({ url: () => nginx.graphqlUrl(all), token: stack.adminToken, clients: 16, firstStudentId: firstId, students: writeStudents, durationS: killPhaseS });
    await sleep(4_000);
    const connectsAtKill = new Map(onVictim.map((s) => [s, s.connects]));
    const killedAt = performance.now();
    await victim.kill();
    // Back = connected again and resubscribed: the replica it reached has sent it the run's current state.
    const isBack = (s: Subscriber) => s.connects > connectsAtKill.get(s)! && s.received.some((r) => r.at > killedAt);
    const back = await poll(async () => (onVictim.every(isBack) ? performance.now() : null), 30_000, 20);
    const reconnectMs = back === null ? null : back - killedAt;
    const afterReconnect = performance.now();
    const askedAfter = await mutateVia(nginx.graphqlUrl(all), 'mutation { runHealthCheck { id } }', stack.adminToken);
    await waitForIdle(stack, probe);
    const writers = await writing;
    await sleep(1_500);
    const xpAfter = await playerXp(stack.database.url, firstId, firstId + writeStudents - 1);
    const xp = compareXp(xpBefore, xpAfter, writers.acknowledgedXp);
    const storedKeys = await withClient(stack.database.url, async (client) => {
      const { rows: found } = await client.query<{ n: number }>(`select count(*)::int as n from idempotency_records where key = any($1::text[]) and response is not null`, [writers.acknowledgedKeys]);
      return found[0]!.n;
    });
    const survivors = replicas.filter((r) => r !== victim);
    const afterKill = deliveries(subscribers, events.events, afterReconnect);
    const movedTo = perReplica(onVictim);
    const stillOnVictim = subscribers.filter((s) => s.upstreams[s.upstreams.length - 1] === address(victim)).length;
    const gaugesAfter = await Promise.all(survivors.map(websocketGauge));
    rows.push(
      {
        scenario: 'scale-out',
        metric: `acknowledged writes lost when ${address(victim)} was SIGKILLed (${writers.acknowledged} acknowledged)`,
        ours: `${writers.acknowledged - storedKeys} keys missing, ${xp.studentsShort} students short, ${xp.studentsOver} over`,
        reference: `XP applied ${xp.appliedXp} = acknowledged ${xp.acknowledgedXp}`,
        target: '0 / 0 / 0',
        pass: storedKeys === writers.acknowledged && xp.studentsShort === 0 && xp.studentsOver === 0 && writers.abandoned === 0,
      },
      {
        scenario: 'scale-out',
        metric: `the killed replica's ${onVictim.length} subscribers reconnected and resubscribed (through nginx)`,
        ours: reconnectMs === null ? 'not all within 30 s' : `all in ${ms(reconnectMs)}`,
        reference: `now on ${survivors.map((r) => `${address(r)} ${movedTo[replicas.indexOf(r)] ?? 0}`).join(', ')}`,
        target: 'all, none left on the dead one',
        pass: onVictim.length > 0 && reconnectMs !== null && stillOnVictim === 0,
      },
      {
        scenario: 'scale-out',
        metric: 'events × subscribers after the reconnect',
        ours: `${afterKill.delivered} / ${afterKill.expected}`,
        reference: `${afterKill.events} events published`,
        target: 'all',
        pass: askedAfter.id !== null && afterKill.events > 0 && afterKill.delivered === afterKill.expected,
      },
    );
    if (afterKill.incomplete.length) notes.push(`Subscribers missing events after the reconnect: ${afterKill.incomplete.map((s) => `#${s.index} on ${s.upstreams.join('→')}`).join(', ')}.`);
    settings['kill phase'] = `16 idempotent writers through nginx for ${killPhaseS} s on ${writeStudents} students; SIGKILL at 4 s; ${writers.attempts} attempts, ${writers.retried} retried with the same key, ${writers.abandoned} abandoned, longest write ${ms(writers.longestWriteMs)}`;
    settings['WebSocket gauges after the kill (survivors)'] = survivors.map((r, i) => `${address(r)} ${gaugesAfter[i] ?? '?'}`).join(', ');
    notes.push(
      `Kill: the writers give every logical write an idempotency key and retry it with the same key until a replica answers 200 without errors (nginx does not pass a POST it already sent on to another replica, so a request in flight on the killed replica comes back as a 502 and is retried). ` +
        `Afterwards every acknowledged key must have a completed idempotency record, and each student's XP must have grown by exactly what was acknowledged for them. ` +
        `Events published while a subscriber is disconnected are not replayed (it gets the run's current state when it resubscribes), so delivery after the kill is counted from the moment all had reconnected; one "check now" then runs.`,
    );

    // --- 5. no two checks ever ran at once
    const runs = await withClient(stack.database.url, async (client) =>
      (await client.query<RunInterval>(`select id, trigger, state, started_at as "startedAt", finished_at as "finishedAt" from check_runs order by id`)).rows,
    );
    const overlaps = overlappingRuns(runs);
    const byTrigger = runs.reduce((acc, r) => acc.set(r.trigger, (acc.get(r.trigger) ?? 0) + 1), new Map<string, number>());
    const jobsPerWorker = workers.map((w) => `${w.name} ${w.logs.filter((l) => l.msg === 'job started').length}`);
    rows.push({
      scenario: 'scale-out',
      metric: `overlapping RUNNING intervals among ${runs.length} check runs (${[...byTrigger].map(([t, n]) => `${n} ${t}`).join(', ')})`,
      ours: String(overlaps.length),
      reference: `jobs started: ${jobsPerWorker.join(', ')}`,
      target: '0',
      pass: overlaps.length === 0 && runs.every((r) => r.state === 'SUCCEEDED' || r.state === 'FAILED'),
    });
    if (overlaps.length) notes.push(`Overlapping runs: ${overlaps.map(([a, b]) => `${a}/${b}`).join(', ')}.`);
    const failedRuns = runs.filter((r) => r.state !== 'SUCCEEDED');
    if (failedRuns.length) notes.push(`Runs not SUCCEEDED: ${failedRuns.map((r) => `${r.id} ${r.trigger} ${r.state}`).join(', ')}.`);

    charts.push({
      kind: 'series',
      title: 'updateProgress throughput by replica count (through nginx)',
      unit: 'req/s',
      xLabel: 'replicas',
      series: [{ name: 'via nginx', points: measured.slice(1).map((m, i) => [i + 1, Math.round(m.throughput)] as [number, number]) }],
    });
    notes.push(
      `Students ${stack.students.count.toLocaleString('en')}; the ${REPLICAS} replicas share one REDIS_KEY_PREFIX (queues, pub/sub, rate-limit counters), as a deployment does; the load generator and the subscribers run in this process. Figures taken on a shared 2-core machine.`,
      `nginx ${nginx.version} in the foreground with its own configuration (one loopback listener per pool of 1, 2, 3 replicas; upstream keep-alive; WebSocket upgrades passed on):\n\n\`\`\`nginx\n${nginx.config.trim()}\n\`\`\``,
    );
    return {
      name: 'scale-out',
      title: `Scale-out: ${REPLICAS} API replicas and ${WORKERS} workers behind nginx`,
      startedAt,
      durationS: (Date.now() - startedAt.getTime()) / 1000,
      machine,
      settings: { students: stack.students.count, throughputStepS: stepS, connections, subscribers: subscriberCount, checkRounds: rounds, ...settings },
      rows,
      charts,
      notes,
    };
  } finally {
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch((error: unknown) => console.error('scale-out cleanup:', error));
  }
}
