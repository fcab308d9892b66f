import 'reflect-metadata';
import { resolve } from 'node:path';
import { loadConfig, type AppConfig } from '../config/app-config';
import { createLogger } from '../domain/logging/logger';
import { terminalLogStream, wantsTerminalLogs } from '../domain/logging/terminal-log-stream';
import { demoStudentEmail, DEMO_STUDENT_PASSWORD } from '../domain/seeding/demo-data.service';
import { startStandalone, type StandaloneApp } from './standalone-app';
import { describeStartupError } from './startup-error';

const REPO_ROOT = resolve(__dirname, '../../..');
const SHUTDOWN_LIMIT_MS = 10_000;

/** `npm start`: everything in one process, nothing to configure. */
async function main(): Promise<void> {
  const started = Date.now();
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    fail(describeStartupError(error, 4000));
  }
  // A terminal gets readable lines; production, pipes and files keep JSON (the API and worker entry points always do).
  const readable = wantsTerminalLogs(process.stdout, config.process.isProduction);
  const logger = createLogger(config.process.logLevel, 'levelsync', readable ? terminalLogStream() : undefined);
  const starting = startStandalone(config, logger, REPO_ROOT);

  // Installed before anything starts: Ctrl-C during start-up still stops what did start.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: draining requests, finishing the active job');
    setTimeout(() => fail('did not stop within 10 s, exiting anyway'), SHUTDOWN_LIMIT_MS).unref();
    void starting
      .then((app) => app.close())
      .catch(() => undefined) // a failed start has already cleaned up and reported
      .then(() => {
        logger.info('stopped');
        process.exit(0);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  try {
    const app = await starting;
    if (!stopping) printBanner(app, config, Date.now() - started);
  } catch (error) {
    fail(describeStartupError(error, config.http.port));
  }
}

function fail(line: string): never {
  process.stderr.write(`levelsync: ${line}\n`);
  process.exit(1);
}

function printBanner(app: StandaloneApp, config: AppConfig, elapsedMs: number): void {
  const url = `http://localhost:${app.port}`;
  const desynced = app.seeded ? Object.values(app.seeded.desynced).reduce((a, b) => a + b, 0) : 0;
  const lines = [
    '',
    `LevelSync is ready at ${url}  (started in ${(elapsedMs / 1000).toFixed(1)} s)`,
    `  admin:     ${app.admin.email}  password: ${app.admin.password}` +
      (app.admin.savedIn ? `  (kept in ${app.admin.savedIn})` : '  (from ADMIN_PASSWORD)'),
    app.seeded
      ? `  demo data: ${app.seeded.studentsCreated} students, ${desynced} desynced pairs; ` +
        `students sign in as ${demoStudentEmail(1)} … / ${DEMO_STUDENT_PASSWORD}`
      : '  data:      kept from the previous start',
    `  database:  ${app.embeddedDatabase ? `embedded PostgreSQL in ${app.embeddedDatabase}` : 'DATABASE_URL'};` +
      ` jobs: ${app.queueBackend === 'redis' ? 'BullMQ on Redis (REDIS_URL)' : 'BullMQ on PostgreSQL, in-process events'}`,
    `  dashboard: ${app.dashboard ? url : 'not built (npm run build:web), API only'};  GraphQL: ${url}/graphql;  metrics: ${url}/metrics`,
    '  Ctrl-C stops everything.',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

void main();
