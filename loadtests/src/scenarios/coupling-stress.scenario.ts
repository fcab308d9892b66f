import { runDrainingLoop } from '../drivers/draining-driver';
import { graphqlBody } from '../drivers/graphql-request';
import { measureMachineLoad } from '../measure/machine-load';
import { deadlockCount, runBareCheck } from '../references/bare-check';
import type { LoadStack } from '../stack/load-stack';
import { compareXp, playerXp } from '../stack/progress-snapshot';
import { UPDATE_PROGRESS } from './progress-storm.scenario';
import { ms, perS, type ScenarioOptions, type ScenarioReport } from './scenario.types';

interface Tag {
  studentId: number;
  xpChange: number;
}

/**
 * Many clients on few students (the seed's 500 on 100, PLAYER only, so every update contends),
 * then proof from PostgreSQL: no pair out of step, every student's XP grew by exactly the sum of
 * the increments the API acknowledged, and no deadlock was detected.
 */
export async function couplingStress(stack: LoadStack, options: ScenarioOptions): Promise<ScenarioReport> {
  const startedAt = new Date();
  const machine = await measureMachineLoad();
  const connections = options.connections ?? 500;
  const hot = Math.min(100, stack.students.count);
  const firstId = stack.students.firstId;
  const lastId = firstId + hot - 1;
  const before = await playerXp(stack.database.url, firstId, lastId);
  const deadlocksBefore = await deadlockCount(stack.database.url);
  const acknowledged = new Map<number, number>();
  let failures = 0;

  const recorder = await runDrainingLoop({
    url: stack.api.graphqlUrl,
    token: stack.adminToken,
    connections,
    durationS: options.durationS,
    plan: () => {
      const studentId = firstId + Math.floor(Math.random() * hot);
      const xpChange = 10 + Math.floor(Math.random() * 41);
      return { body: graphqlBody(UPDATE_PROGRESS, { input: { studentId: String(studentId), specialization: 'PLAYER', xpChange } }), tag: { studentId, xpChange } };
    },
    onResponse: (ok, tag) => {
      const t = tag as Tag;
      if (ok) acknowledged.set(t.studentId, (acknowledged.get(t.studentId) ?? 0) + t.xpChange);
      else failures += 1;
    },
  });
  await new Promise((r) => setTimeout(r, 1000)); // let pg_stat_database catch up
  const after = await playerXp(stack.database.url, firstId, lastId);
  const deadlocks = (await deadlockCount(stack.database.url)) - deadlocksBefore;
  const check = await runBareCheck(stack.database.url);

  const xp = compareXp(before, after, acknowledged);
  const studentsOff = xp.studentsShort + xp.studentsOver;
  const s = recorder.summary();
  const conserved = studentsOff === 0;
  return {
    name: 'coupling-stress',
    title: `Coupling stress: ${connections} clients on ${hot} hot students`,
    startedAt,
    durationS: (Date.now() - startedAt.getTime()) / 1000,
    machine,
    settings: { connections, hotStudents: hot, specialization: 'PLAYER', durationS: options.durationS },
    rows: [
      { scenario: 'coupling stress', metric: 'pairs out of step afterwards', ours: String(check.inconsistent), reference: `${check.pairs} pairs checked`, target: '0', pass: check.inconsistent === 0 },
      {
        scenario: 'coupling stress',
        metric: 'XP applied = XP acknowledged',
        ours: `${xp.appliedXp} = ${xp.acknowledgedXp}`,
        reference: `${studentsOff} students differ`,
        target: 'equal per student',
        pass: conserved && failures === 0,
      },
      { scenario: 'coupling stress', metric: 'deadlocks (pg_stat_database)', ours: String(deadlocks), target: '0', pass: deadlocks === 0 },
      { scenario: 'coupling stress', metric: 'p50 / p95 at saturation', ours: `${ms(s.p50)} / ${ms(s.p95)}`, reference: perS(s.throughput), target: 'p50 < 200 ms (seed)', pass: s.p50 < 200 },
    ],
    charts: [
      { kind: 'histogram', title: `updateProgress latency, ${connections} clients on ${hot} students`, unit: 'ms', series: [{ name: 'API', values: recorder.all.filter((x) => x.ok).map((x) => x.latencyMs) }] },
      { kind: 'series', title: 'Completed updates per second', unit: 'req/s', xLabel: 's', series: [{ name: 'ok', points: recorder.perSecond().map((b) => [b.second, b.count - b.failed]) }] },
    ],
    notes: [
      `${s.ok} updates acknowledged, ${failures} failed (${recorder.describeFailures()}; a failed request may or may not have been applied, so conservation is only exact with 0 failures).`,
      `Whole database afterwards: ${JSON.stringify(check.byType)} over ${check.pairs} pairs.`,
      'Clients stop sending at the deadline and wait for their last response, so every update sent is either acknowledged or counted as failed.',
      'All clients write the PLAYER pair of the same students, so most transactions wait on a row lock held by another: this measures lock queueing, not raw speed.',
    ],
  };
}
