import { beforeAll, describe, expect, it, inject } from 'vitest';
import type { ScenarioReport } from '../src/scenarios/scenario.types';
import { sweep } from '../src/scenarios/sweep.scenario';

/**
 * The capacity scenario (`npm run loadtest -- sweep --students 1000000`) at a size a test can
 * afford. It checks behaviour: what the sweep, the incremental checks and auto-sync find and
 * repair is exactly what was desynced, and every table the model sizes was written; never speed.
 */
describe('when the sweep scenario runs on 3,000 students', () => {
  let report: ScenarioReport;

  beforeAll(async () => {
    process.env.LOADTEST_PG_ADMIN_URL = inject('pgAdminUrl');
    report = await sweep(null, { durationS: 0, students: 3_000 });
  }, 120_000);

  it('passes every check it makes: violations found = seeded, desyncs opened and resolved one for one, every open violation repaired', () => {
    const checked = report.rows.filter((row) => row.pass !== undefined);
    expect(checked.length).toBe(4);
    expect(checked.filter((row) => !row.pass)).toEqual([]);
  });

  it('leaves captured only what the seed desynced: the consistent seed itself is skipped by the triggers', () => {
    expect(report.settings.seedDesynced).toBeGreaterThan(0);
    expect(report.settings.seedCapturedChanges).toBe(report.settings.seedDesynced);
  });

  it('sizes every table the capacity model multiplies, from rows it wrote', () => {
    expect(report.settings.rows_specialization_progress).toBe(9_000);
    for (const table of ['violations', 'repairs', 'check_runs', 'idempotency_records']) {
      expect(report.settings[`rows_${table}`], table).toBeGreaterThan(0);
      expect(report.settings[`avgRowBytes_${table}`], table).toBeGreaterThan(0);
    }
    // Drained: the captured changes were sized while they waited, then checked away.
    expect(report.settings.rows_pair_changes).toBe(0);
    expect(report.settings.pairChangeBytes).toBeGreaterThan(0);
  });
});
