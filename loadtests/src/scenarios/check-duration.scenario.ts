import { loadConfig } from '../../../server/src/config/app-config';
import { connectDatabase } from '../../../server/src/domain/database/database';
import { CheckRunRepository } from '../../../server/src/domain/integrity/check-run.repository';
import { createDomainServices } from '../../../server/src/domain/services';
import { measureMachineLoad } from '../measure/machine-load';
import { runBareCheck } from '../references/bare-check';
import { LOADTEST_JWT_SECRET } from '../stack/api-process';
import type { LoadStack } from '../stack/load-stack';
import { createScratchDatabase } from '../stack/scratch-database';
import { seedStudents } from '../stack/student-seeder';
import type { ScenarioOptions, ScenarioReport, SummaryRow } from './scenario.types';

const DESYNC_RATE = 0.01;

interface SizeResult {
  pairs: number;
  seedS: number;
  firstRunMs: number;
  checkMs: number;
  bareMs: number;
  found: number;
  expected: number;
}

/** Seeds a database of its own with `pairs` pairs (1 % desynced), then times our check and the bare SQL, best of `repeats`. */
async function measureSize(pairs: number, repeats: number): Promise<SizeResult> {
  const database = await createScratchDatabase({ ...process.env, DATABASE_URL: '' });
  try {
    const seedStarted = performance.now();
    const seeded = await seedStudents(database.url, Math.ceil(pairs / 3), DESYNC_RATE);
    const seedS = (performance.now() - seedStarted) / 1000;
    const orm = await connectDatabase({ url: database.url, poolMax: 4 });
    try {
      const services = await createDomainServices(loadConfig({ DATABASE_URL: database.url, JWT_SECRET: LOADTEST_JWT_SECRET, LOG_LEVEL: 'silent' }).domain, orm);
      const runs = new CheckRunRepository(orm);
      const timeCheck = async () => {
        const run = await runs.createQueued('MANUAL');
        const started = performance.now();
        const done = await services.integrity.run(run.id);
        return { ms: performance.now() - started, found: done.inconsistent ?? -1 };
      };
      // The first run opens every violation (inserts); later runs refresh them, the steady state.
      const first = await timeCheck();
      let checkMs = Infinity;
      let bareMs = Infinity;
      let found = first.found;
      for (let i = 0; i < repeats; i += 1) {
        const c = await timeCheck();
        checkMs = Math.min(checkMs, c.ms);
        found = c.found;
        bareMs = Math.min(bareMs, (await runBareCheck(database.url)).durationMs);
      }
      return { pairs: seeded.pairs, seedS, firstRunMs: first.ms, checkMs, bareMs, found, expected: seeded.desynced };
    } finally {
      await orm.close(true);
    }
  } finally {
    await database.drop();
  }
}

/**
 * The integrity check (IntegrityCheckService.run, as a worker calls it) at growing sizes, each
 * beside the bare anti-join over the same data. It needs no API, so it ignores the shared stack.
 */
export async function checkDuration(_stack: LoadStack | null, options: ScenarioOptions): Promise<ScenarioReport> {
  const startedAt = new Date();
  const machine = await measureMachineLoad();
  const sizes = options.quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
  const repeats = 3;
  const results: SizeResult[] = [];
  for (const size of sizes) results.push(await measureSize(size, repeats));
  const rows: SummaryRow[] = results.flatMap((r) => {
    const ratio = r.checkMs / r.bareMs;
    const label = r.pairs >= 1_000_000 ? `${Math.round(r.pairs / 1_000_000)}M` : `${Math.round(r.pairs / 1000)}K`;
    const out: SummaryRow[] = [
      { scenario: 'check duration', metric: `${label} pairs`, ours: `${(r.checkMs / 1000).toFixed(2)} s`, reference: `bare SQL ${(r.bareMs / 1000).toFixed(2)} s`, ratio, target: '≤ 1.3×', pass: ratio <= 1.3 },
    ];
    if (r.pairs >= 1_000_000) out.push({ scenario: 'check duration', metric: '1M pairs absolute', ours: `${(r.checkMs / 1000).toFixed(2)} s`, target: '≤ 3 s', pass: r.checkMs <= 3000 });
    out.push({ scenario: 'check duration', metric: `${label}: violations found`, ours: String(r.found), reference: `${r.expected} seeded`, target: 'equal', pass: r.found === r.expected });
    return out;
  });
  return {
    name: 'check-duration',
    title: 'Check duration: the integrity check against the bare anti-join',
    startedAt,
    durationS: (Date.now() - startedAt.getTime()) / 1000,
    machine,
    settings: { sizes: sizes.join(' / '), desyncRate: DESYNC_RATE, repeats },
    rows,
    charts: [
      {
        kind: 'series',
        title: 'Check duration by size',
        unit: 's',
        xLabel: 'pairs (thousands)',
        series: [
          { name: 'IntegrityCheckService.run', points: results.map((r) => [r.pairs / 1000, r.checkMs / 1000]) },
          { name: 'bare SQL anti-join', points: results.map((r) => [r.pairs / 1000, r.bareMs / 1000]) },
        ],
      },
    ],
    notes: [
      ...results.map((r) => `${r.pairs} pairs: seeded in ${r.seedS.toFixed(1)} s; first run (opens every violation) ${(r.firstRunMs / 1000).toFixed(2)} s; steady-state check best of ${repeats} ${(r.checkMs / 1000).toFixed(2)} s; bare SQL best of ${repeats} ${(r.bareMs / 1000).toFixed(2)} s.`),
      'The check also writes: it upserts the violations it finds and resolves the ones it no longer sees, and reports progress per chunk. The bare SQL only counts.',
    ],
  };
}
