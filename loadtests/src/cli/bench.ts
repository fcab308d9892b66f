import 'reflect-metadata';
import { SCENARIOS } from '../scenarios/scenario-catalogue';
import { runSuite } from './run-suite';

/** `npm run bench`: every scenario in its quick form on one stack, one summary table (≤ 5 minutes). */
const BENCH = ['progress-storm', 'coupling-stress', 'dashboard-load', 'fan-out', 'check-duration'];

runSuite(
  'bench',
  'npm run bench',
  BENCH.map((name) => ({ name, definition: SCENARIOS[name]!, options: SCENARIOS[name]!.quick })),
).catch((error: unknown) => {
  process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
