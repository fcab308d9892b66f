import { spawn, type ChildProcess } from 'node:child_process';
import { LOADTEST_JWT_SECRET, productionEnv } from '../stack/api-process';
import type { LoadStack } from '../stack/load-stack';

/** One JSON log line of a worker, with when this process received it (performance.now()). */
export interface WorkerLogLine {
  msg?: string;
  jobId?: string;
  receivedAt: number;
  [key: string]: unknown;
}

export interface WorkerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** performance.now() when the exit was seen. */
  at: number;
}

export interface WorkerProcess {
  readonly name: string;
  readonly pid: number;
  readonly logs: readonly WorkerLogLine[];
  readonly exited: Promise<WorkerExit>;
  /** The first log line (past or future) matching `test`; rejects on timeout or if the process exits first. */
  waitForLog(test: (line: WorkerLogLine) => boolean, timeoutMs: number): Promise<WorkerLogLine>;
  signal(signal: NodeJS.Signals): void;
  /** SIGKILL unless it has exited already. */
  kill(): Promise<void>;
  stderrTail(): string;
}

export interface WorkerProcessOptions {
  name: string;
  /** Checkout to start from (the working tree, or a snapshot with LOADTEST_SOURCE=head). */
  sourceRoot: string;
  /** The workers' test hook: a pause after each progress step of a check (0: none). */
  stepDelayMs: number;
  /** Node arguments that start it (`workerEntry()` for the precompiled build); the TypeScript sources through SWC's hook by default. */
  entry?: string[];
}

/**
 * The real workers process (`workers/src/main.ts`, as `npm run workers:ts` starts it, or precompiled with `entry`) on the load
 * stack's database and Redis, under the API's key prefix, so it consumes the jobs the API queues.
 * Schedules are pushed far away: only the jobs a fault requests run while it is measured.
 */
export async function startWorkerProcess(stack: LoadStack, options: WorkerProcessOptions): Promise<WorkerProcess> {
  const child: ChildProcess = spawn(process.execPath, options.entry ?? ['-r', '@swc-node/register', 'workers/src/main.ts'], {
    cwd: options.sourceRoot,
    env: {
      ...process.env,
      ...productionEnv(),
      NODE_ENV: 'development',
      DATABASE_URL: stack.database.url,
      REDIS_URL: stack.redis.url,
      REDIS_KEY_PREFIX: stack.api.keyPrefix,
      JWT_SECRET: LOADTEST_JWT_SECRET,
      LOG_LEVEL: 'info',
      WORKER_NAME: options.name,
      PGAPPNAME: `levelsync-worker-${options.name}`,
      WORKER_STEP_DELAY_MS: String(options.stepDelayMs),
      HEALTH_CHECK_INTERVAL_MINUTES: '600',
      AUTO_SYNC_INTERVAL_HOURS: '600',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: WorkerLogLine[] = [];
  const waiters = new Set<{ test: (line: WorkerLogLine) => boolean; resolve: (line: WorkerLogLine) => void }>();
  let stderr = '';
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const receivedAt = performance.now();
    buffer += chunk.toString();
    for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
      const text = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      let line: WorkerLogLine;
      try {
        line = { ...(JSON.parse(text) as Record<string, unknown>), receivedAt };
      } catch {
        line = { msg: text, receivedAt };
      }
      logs.push(line);
      for (const waiter of [...waiters]) {
        if (waiter.test(line)) {
          waiters.delete(waiter);
          waiter.resolve(line);
        }
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<WorkerExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, at: performance.now() })));

  const waitForLog = (test: (line: WorkerLogLine) => boolean, timeoutMs: number) => {
    const seen = logs.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise<WorkerLogLine>((resolve, reject) => {
      const waiter = {
        test,
        resolve: (line: WorkerLogLine) => {
          clearTimeout(timer);
          resolve(line);
        },
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`${options.name}: no matching log line within ${timeoutMs} ms; stderr: ${stderr.trim() || '(empty)'}`));
      }, timeoutMs);
      waiters.add(waiter);
      void exited.then(({ code, signal }) => {
        if (!waiters.delete(waiter)) return;
        clearTimeout(timer);
        reject(new Error(`${options.name} exited (${code ?? signal}) before the expected log line; stderr: ${stderr.trim() || '(empty)'}`));
      });
    });
  };

  const worker: WorkerProcess = {
    name: options.name,
    pid: child.pid!,
    logs,
    exited,
    waitForLog,
    signal: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    stderrTail: () => stderr,
  };
  try {
    await waitForLog((line) => line.msg === 'workers ready', 60_000);
  } catch (error) {
    await worker.kill();
    throw error;
  }
  return worker;
}
