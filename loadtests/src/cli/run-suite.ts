import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { findFreePort } from '../../../server/src/standalone/free-port';
import { inspectFlag } from '../measure/heap-inspector';
import { summariseCpuProfile } from '../report/cpu-profile-summary';
import { writeRunReport } from '../report/run-report';
import { textTable } from '../report/summary-table';
import type { ScenarioDefinition } from '../scenarios/scenario-catalogue';
import type { ScenarioOptions, ScenarioReport } from '../scenarios/scenario.types';
import { bootStack, type LoadStack } from '../stack/load-stack';
import { REPO_ROOT } from '../stack/api-process';

export interface SuiteStep {
  name: string;
  definition: ScenarioDefinition;
  options: ScenarioOptions;
}

/**
 * Runs scenarios on one stack (seeded for the largest of them), then prints the summary table and
 * writes `<runName>.md` / `.html`. A failing scenario is reported and the others still run.
 */
export async function runSuite(
  runName: string,
  command: string,
  steps: SuiteStep[],
  settings: { profile?: boolean; failOnMiss?: boolean } = {},
): Promise<ScenarioReport[]> {
  const startedAt = new Date();
  const needsApi = steps.filter((s) => !s.definition.standalone);
  const students = Math.max(0, ...needsApi.map((s) => s.options.students ?? s.definition.students));
  const desyncRate = Math.max(0, ...needsApi.map((s) => s.definition.desyncRate ?? 0));
  let stack: LoadStack | null = null;
  if (needsApi.length) {
    log(`booting stack: scratch database, redis, API; seeding ${students.toLocaleString('en')} students`);
    const nodeArgs = [
      ...(settings.profile ? ['--cpu-prof', `--cpu-prof-dir=${REPO_ROOT}/loadtests/reports/profiles`] : []),
      // On a port of its own, found again from the API's command line (its stderr tail may have scrolled past the address).
      ...(needsApi.some((s) => s.definition.inspectApi) ? [inspectFlag(await findFreePort())] : []),
    ];
    const env = Object.assign({}, ...needsApi.map((s) => s.definition.apiEnv ?? {})) as Record<string, string>;
    const api = { ...(nodeArgs.length ? { nodeArgs } : {}), ...(Object.keys(env).length ? { env } : {}) };
    stack = await bootStack({ students, desyncRate, ...(Object.keys(api).length ? { api } : {}) });
  }
  const reports: ScenarioReport[] = [];
  const failures: string[] = [];
  try {
    for (const step of steps) {
      log(`${step.name}: ${JSON.stringify(step.options)}`);
      try {
        const report = await step.definition.run(stack as LoadStack, step.options);
        reports.push(report);
        log(`${step.name}: done in ${report.durationS.toFixed(0)} s`);
      } catch (error) {
        failures.push(`${step.name}: ${(error as Error).stack ?? String(error)}`);
        log(`${step.name}: FAILED ${(error as Error).message}`);
      }
    }
  } finally {
    await stack?.close();
  }
  if (settings.profile && reports[0]) reports[0].notes.push(...profileNotes());
  const source = stack?.source ?? (process.env.LOADTEST_SOURCE === 'head' ? 'last commit' : 'working tree');
  const paths = writeRunReport({ name: runName, command, source, startedAt, finishedAt: new Date() }, reports);
  process.stdout.write(`\n${textTable(reports)}\n\nReport: ${paths.markdown}\n        ${paths.html}\n`);
  if (settings.failOnMiss && reports.some((r) => r.rows.some((row) => row.pass === false))) process.exitCode = 1;
  if (failures.length) {
    process.stderr.write(`\n${failures.join('\n\n')}\n`);
    process.exitCode = 1;
  }
  return reports;
}

/** The API's CPU profile (written when it exits) summarised by category, for the report. */
function profileNotes(): string[] {
  const dir = join(REPO_ROOT, 'loadtests', 'reports', 'profiles');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')) : [];
  const newest = files.map((f) => join(dir, f)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (!newest) return ['CPU profile: none was written.'];
  const summary = summariseCpuProfile(newest, 12);
  return [
    `API CPU profile (${newest}, ${summary.total.toFixed(0)} ms sampled over the whole process life), self time by category: ${summary.byCategory.map((c) => `${c.name} ${(c.share * 100).toFixed(1)} %`).join('; ')}.`,
    `Top functions: ${summary.byFunction.filter((f) => !f.name.startsWith('(idle)')).slice(0, 10).map((f) => `${f.name} ${(f.share * 100).toFixed(1)} %`).join('; ')}.`,
  ];
}

export function log(message: string): void {
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}
