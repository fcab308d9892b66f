import type { LoadStack } from '../stack/load-stack';
import { alertLatency } from './alert-latency.scenario';
import { checkDuration } from './check-duration.scenario';
import { couplingStress } from './coupling-stress.scenario';
import { fanOut } from './fan-out.scenario';
import { idleMemory } from './idle-memory.scenario';
import { dashboardLoad } from './dashboard-load.scenario';
import { liveDetection } from './live-detection.scenario';
import { soak } from './soak.scenario';
import { sweep } from './sweep.scenario';
import { progressStorm } from './progress-storm.scenario';
import { SCALE_OUT_API_ENV, scaleOut } from './scale-out.scenario';
import type { ScenarioOptions, ScenarioReport } from './scenario.types';

export interface ScenarioDefinition {
  /** Students the stack is seeded with when this scenario runs on its own. */
  students: number;
  desyncRate?: number;
  /** Defaults for `npm run loadtest -- <name>` (the seed's full form). */
  full: ScenarioOptions;
  /** Defaults inside `npm run bench` (bounded so the suite stays under 5 minutes). */
  quick: ScenarioOptions;
  /** True when the scenario builds its own databases and needs no API (the suite then boots none for it). */
  standalone?: boolean;
  /** True when the scenario reads the API's memory after forced collections: the suite starts the API with an inspector on loopback. */
  inspectApi?: boolean;
  /** Environment for the stack's API (e.g. a real rate limit), over the lifted limits it starts with. */
  apiEnv?: Record<string, string>;
  run(stack: LoadStack, options: ScenarioOptions): Promise<ScenarioReport>;
}

export const SCENARIOS: Record<string, ScenarioDefinition> = {
  'progress-storm': {
    students: 10_000,
    full: { durationS: 60, connections: 50, rate: 500 },
    quick: { durationS: 10, connections: 50, rate: 500 },
    run: progressStorm,
  },
  'coupling-stress': {
    students: 10_000,
    full: { durationS: 60, connections: 500 },
    quick: { durationS: 8, connections: 500 },
    run: couplingStress,
  },
  'dashboard-load': {
    students: 10_000,
    full: { durationS: 30, connections: 50, rate: 200 },
    quick: { durationS: 6, connections: 50, rate: 200 },
    run: dashboardLoad,
  },
  'fan-out': {
    students: 1_000,
    full: { durationS: 10, connections: 1000 },
    quick: { durationS: 4, connections: 1000 },
    inspectApi: true,
    run: fanOut,
  },
  'check-duration': {
    students: 0,
    standalone: true,
    full: { durationS: 0 },
    quick: { durationS: 0, quick: true },
    run: checkDuration,
  },
  'live-detection': {
    // 34K students: 102K progress rows, so the bulk UPDATE is 100,000 rows of one table.
    students: 34_000,
    full: { durationS: 0, rate: 500 },
    quick: { durationS: 0, rate: 500, quick: true },
    run: liveDetection,
  },
  'scale-out': {
    // 3 API replicas and 2 workers behind nginx; durationS is each throughput step, connections the throughput load.
    students: 10_000,
    full: { durationS: 10, connections: 32 },
    quick: { durationS: 5, connections: 32, quick: true },
    apiEnv: SCALE_OUT_API_ENV,
    run: scaleOut,
  },
  sweep: {
    // The capacity model's figures at `--students` (default 1M students = 3M pairs) on a database of its own.
    students: 0,
    standalone: true,
    full: { durationS: 0 },
    quick: { durationS: 0, quick: true },
    run: sweep,
  },
  'idle-memory': {
    // durationS: how long both APIs idle after their login (V8's memory reducer steps in after ~2 min).
    students: 1_000,
    full: { durationS: 150 },
    quick: { durationS: 20, quick: true },
    run: idleMemory,
  },
  'alert-latency': {
    // 1,000 students, 3,000 pairs: a check takes milliseconds, so what is timed is the alerting path.
    students: 1_000,
    full: { durationS: 0 },
    quick: { durationS: 0, quick: true },
    run: alertLatency,
  },
  soak: {
    students: 10_000,
    full: { durationS: 1800, rate: 100 },
    quick: { durationS: 120, rate: 100 },
    run: soak,
  },
};
