import { measureMachineLoad } from '../measure/machine-load';
import type { ScenarioReport } from '../scenarios/scenario.types';
import type { LoadStack } from '../stack/load-stack';
import { apiKillFault } from './api-kill.fault';
import { postgresRestartFault } from './postgres-restart.fault';
import { redisRestartFault } from './redis-restart.fault';
import { workerKillFault } from './worker-kill.fault';
import { workerSigtermFault } from './worker-sigterm.fault';

const s = (ms: number | null) => (ms === null ? 'never (15 s)' : `${(ms / 1000).toFixed(2)} s`);

export async function apiKillScenario(stack: LoadStack): Promise<ScenarioReport> {
  const startedAt = new Date();
  const machine = await measureMachineLoad();
  const r = await apiKillFault(stack, { clients: 20, durationS: 12, killAfterS: 4, students: 200 });
  return {
    name: 'fault-api-kill',
    title: 'Fault: kill -9 the API under idempotent writes',
    startedAt,
    durationS: (Date.now() - startedAt.getTime()) / 1000,
    machine,
    settings: { clients: 20, durationS: 12, killAfterS: 4, students: 200 },
    rows: [
      { scenario: 'fault: API kill -9', metric: 'acknowledged writes lost', ours: String(r.xp.studentsShort), reference: `${r.writers.acknowledged} acknowledged`, target: '0', pass: r.xp.studentsShort === 0 },
      { scenario: 'fault: API kill -9', metric: 'writes applied twice', ours: String(r.xp.studentsOver), reference: `${r.writers.retried} retries`, target: '0', pass: r.xp.studentsOver === 0 },
      { scenario: 'fault: API kill -9', metric: 'XP applied = acknowledged', ours: `${r.xp.appliedXp} = ${r.xp.acknowledgedXp}`, reference: `${r.completedKeys} keys completed`, target: 'equal', pass: r.xp.appliedXp === r.xp.acknowledgedXp && r.completedKeys === r.writers.acknowledged },
      { scenario: 'fault: API kill -9', metric: 'kill → ready again', ours: s(r.downtimeMs), reference: `longest write ${s(r.writers.longestWriteMs)}`, target: '' },
    ],
    charts: [],
    notes: [
      `${r.writers.acknowledged} writes acknowledged, ${r.writers.abandoned} abandoned, ${r.writers.attempts} attempts, ${r.writers.retried} retried with the same idempotency key.`,
      'Restart time includes starting Node with the TypeScript loader (@swc-node/register) and connecting to PostgreSQL and Redis.',
    ],
  };
}

export async function redisRestartScenario(stack: LoadStack): Promise<ScenarioReport> {
  const startedAt = new Date();
  const machine = await measureMachineLoad();
  const r = await redisRestartFault(stack, { durationS: 14, outageS: 4, connections: 10 });
  const share = (x: { ok: number; total: number }) => `${x.ok} / ${x.total}`;
  return {
    name: 'fault-redis-restart',
    title: 'Fault: Redis killed and restarted under writes, with a live subscriber',
    startedAt,
    durationS: (Date.now() - startedAt.getTime()) / 1000,
    machine,
    settings: { connections: 10, outageS: 4, durationS: 14 },
    rows: [
      { scenario: 'fault: Redis restart', metric: 'updateProgress during outage', ours: share(r.duringOutage), target: 'keep working', pass: r.duringOutage.total > 0 && r.duringOutage.ok === r.duringOutage.total },
      { scenario: 'fault: Redis restart', metric: 'updateProgress after restart', ours: share(r.afterOutage), target: 'all ok', pass: r.afterOutage.total > 0 && r.afterOutage.ok === r.afterOutage.total },
      { scenario: 'fault: Redis restart', metric: 'subscription receives again', ours: s(r.subscriptionRecoveryMs), target: 'recovers', pass: r.subscriptionRecoveryMs !== null },
      { scenario: 'fault: Redis restart', metric: 'queue (runHealthCheck) works again', ours: s(r.queueRecoveryMs), target: 'recovers', pass: r.queueRecoveryMs !== null },
    ],
    charts: [],
    notes: [`Redis was down for ${s(r.outageMs)} (SIGKILL, then a fresh redis-server on the same port, empty: no persistence).`],
  };
}

const pct = (share: number) => `${Math.round(share * 100)} %`;

export async function workerKillScenario(stack: LoadStack): Promise<ScenarioReport> {
  const startedAt = new Date();
  const machine = await measureMachineLoad();
  const settings = { stepDelayMs: 700, desyncPairs: 25 };
  const r = await workerKillFault(stack, settings);
  const v = r.violations;
  const f = 'fault: worker kill -9';
  return {
    name: 'fault-worker-kill',
    title: 'Fault: kill -9 the worker running a check while another worker runs',
    startedAt,
    durationS: (Date.now() - startedAt.getTime()) / 1000,
    machine,
    settings,
    rows: [
      { scenario: f, metric: 'kill → other worker resumes the job', ours: s(r.resumedMs), reference: `killed at ${pct(r.progressAtKill)} of the check`, target: '≤ 15 s', pass: r.resumedMs !== null && r.resumedMs <= 15_000 },
      { scenario: f, metric: 'kill → run finished', ours: r.run ? `${s(r.finishedMs)} (${r.run.state})` : 'no run', reference: `BullMQ: job ${r.jobState}, ${r.attempts ? `${r.attempts.made} attempt(s), stalled ${r.attempts.stalled}×` : 'gone'}`, target: 'SUCCEEDED', pass: r.finishedMs !== null && r.run?.state === 'SUCCEEDED' },
      { scenario: f, metric: 'run ends SUCCEEDED exactly once', ours: `${r.succeededEvents} SUCCEEDED event(s), ${r.completions} job completion(s)`, target: '1 and 1', pass: r.succeededEvents === 1 && r.completions === 1 && r.jobState === 'completed' },
      { scenario: f, metric: 'duplicate runs', ours: String(r.runsCreated - 1), reference: `${r.runsCreated} run(s) created`, target: '0', pass: r.runsCreated === 1 },
      {
        scenario: f,
        metric: 'violations afterwards',
        ours: `${v.open} open, ${v.missing} missing, ${v.unexpected} unexpected; run: ${r.run?.inconsistent ?? '?'} inconsistent pairs`,
        reference: `${v.expected} expected (${r.desynced} desynced)`,
        target: 'exactly the expected',
        pass: v.missing === 0 && v.unexpected === 0 && r.run?.inconsistent === r.expectedPairs,
      },
    ],
    charts: [],
    notes: [
      `Two workers (workers/src/main.ts) on the stack's database and Redis; the check spans 11 chunks and the workers pause ${settings.stepDelayMs} ms after each progress step (WORKER_STEP_DELAY_MS), so it is still running when its worker dies.`,
      'Resuming waits for the dead worker\'s lock to expire (lockDuration 5 s) and for the survivor\'s stalled sweep (every 5 s) to hand the job back; the survivor then scans the run again from the start under the same run id.',
      `Run ${r.runId} checked ${r.run?.pairsChecked ?? '?'} pairs.`,
    ],
  };
}

export async function workerSigtermScenario(stack: LoadStack): Promise<ScenarioReport> {
  const startedAt = new Date();
  const machine = await measureMachineLoad();
  const settings = { stepDelayMs: 700, exitTimeoutMs: 60_000 };
  const r = await workerSigtermFault(stack, settings);
  const exitAfterJobMs = r.exitMs !== null && r.jobEndMs !== null ? r.exitMs - r.jobEndMs : null;
  const p = r.leftPending;
  const f = 'fault: worker SIGTERM';
  return {
    name: 'fault-worker-sigterm',
    title: 'Fault: SIGTERM the worker running a check',
    startedAt,
    durationS: (Date.now() - startedAt.getTime()) / 1000,
    machine,
    settings,
    rows: [
      { scenario: f, metric: 'active job finishes', ours: r.run ? `${r.run.state}, ${r.succeededEvents} SUCCEEDED event(s)` : 'no run', reference: `SIGTERM at ${pct(r.progressAtSignal)}; job done ${s(r.jobEndMs)} after`, target: 'SUCCEEDED once', pass: r.run?.state === 'SUCCEEDED' && r.succeededEvents === 1 },
      { scenario: f, metric: 'job end → process exit', ours: s(exitAfterJobMs), reference: `SIGTERM → exit ${s(r.exitMs)}`, target: '≤ 10 s', pass: exitAfterJobMs !== null && exitAfterJobMs <= 10_000 },
      { scenario: f, metric: 'exit', ours: r.exit ? `code ${r.exit.code ?? r.exit.signal}${r.loggedStopped ? ', "workers stopped" logged' : ''}` : 'still running', target: 'code 0', pass: r.exit?.code === 0 && r.loggedStopped },
      {
        scenario: f,
        metric: 'left stalled or pending',
        ours: `${p.active} active, ${p.waiting} waiting jobs; ${p.activeRuns} active runs; job ${r.jobState}`,
        reference: r.takenOver ? 'the other worker took the job over' : 'the other worker never took the job',
        target: '0, 0, 0; completed',
        pass: p.active === 0 && p.waiting === 0 && p.activeRuns === 0 && r.jobState === 'completed' && !r.takenOver && r.runsCreated === 1,
      },
    ],
    charts: [],
    notes: [
      `Two workers, as in the kill -9 fault (${settings.stepDelayMs} ms after each progress step); the one running the job gets SIGTERM, lets the job finish (BullMQ's worker.close()), then closes its queue, Redis and database connections and exits.`,
      `"job end" is the run's SUCCEEDED event on Redis as this process received it; "exit" is the child's exit as this process saw it. Run ${r.runId} checked ${r.run?.pairsChecked ?? '?'} pairs.`,
    ],
  };
}

/** Runs on embedded PostgreSQL of its own (see postgres-restart.fault.ts); the suite's stack is not used. */
export async function postgresRestartScenario(): Promise<ScenarioReport> {
  const startedAt = new Date();
  const machine = await measureMachineLoad();
  const settings = { clients: 10, durationS: 16, stopAfterS: 4, outageS: 2 };
  const r = await postgresRestartFault(settings);
  return {
    name: 'fault-postgres-restart',
    title: 'Fault: PostgreSQL (embedded) restarted under idempotent writes',
    startedAt,
    durationS: (Date.now() - startedAt.getTime()) / 1000,
    machine,
    settings,
    rows: [
      { scenario: 'fault: PostgreSQL restart', metric: 'acknowledged writes lost', ours: String(r.xp.studentsShort), reference: `${r.writers.acknowledged} acknowledged`, target: '0', pass: r.xp.studentsShort === 0 },
      { scenario: 'fault: PostgreSQL restart', metric: 'writes applied twice', ours: String(r.xp.studentsOver), reference: `${r.writers.retried} retries`, target: '0', pass: r.xp.studentsOver === 0 },
      { scenario: 'fault: PostgreSQL restart', metric: 'all writes acknowledged in the end', ours: `${r.writers.abandoned} abandoned`, target: '0 abandoned', pass: r.writers.abandoned === 0 },
      { scenario: 'fault: PostgreSQL restart', metric: 'pool recovers (/readyz 200)', ours: s(r.poolRecoveryMs), reference: `PostgreSQL down ${s(r.downtimeMs)}`, target: 'recovers', pass: r.poolRecoveryMs !== null },
    ],
    charts: [],
    notes: [
      `${r.writers.acknowledged} writes acknowledged, ${r.writers.attempts} attempts, ${r.writers.retried} retried with the same key; longest write ${s(r.writers.longestWriteMs)}.`,
      'PostgreSQL is stopped with a fast shutdown (in-flight transactions roll back) and the relay drops every pooled connection, as a restart does.',
    ],
  };
}
