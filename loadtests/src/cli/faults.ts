import 'reflect-metadata';
import { apiKillScenario, postgresRestartScenario, redisRestartScenario, workerKillScenario, workerSigtermScenario } from '../faults/fault-scenarios';
import type { ScenarioDefinition } from '../scenarios/scenario-catalogue';
import { runSuite } from './run-suite';

/** `npm run test:faults`: each fault on the isolated stack, reported like a load run (faults.md / faults.html). */
const fault = (run: ScenarioDefinition['run']): ScenarioDefinition => ({ students: 1_000, full: { durationS: 0 }, quick: { durationS: 0 }, run });

runSuite('faults', 'npm run test:faults', [
  { name: 'api-kill', definition: fault(apiKillScenario), options: { durationS: 0 } },
  { name: 'redis-restart', definition: fault(redisRestartScenario), options: { durationS: 0 } },
  { name: 'worker-kill', definition: fault(workerKillScenario), options: { durationS: 0 } },
  { name: 'worker-sigterm', definition: fault(workerSigtermScenario), options: { durationS: 0 } },
  { name: 'postgres-restart', definition: { ...fault(postgresRestartScenario), standalone: true }, options: { durationS: 0 } },
], { failOnMiss: true }).catch((error: unknown) => {
  process.stderr.write(`faults: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
