import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { inject } from 'vitest';
import { createTestDatabase } from './test-database';
import { TEST_JWT_SECRET } from './test-app';

const ROOT = resolve(__dirname, '../../..');

export interface JobsEnvironment {
  readonly databaseUrl: string;
  readonly redisUrl: string;
  /** Fresh per test file: BullMQ keys and pub/sub channels of this file only. */
  readonly prefix: string;
  readonly env: Record<string, string>;
}

/** A migrated database and a Redis key prefix of this test file's own. */
export async function createJobsEnvironment(): Promise<JobsEnvironment> {
  const databaseUrl = await createTestDatabase();
  const redisUrl = inject('redisUrl');
  const prefix = `t${inject('runId')}${randomBytes(3).toString('hex')}`;
  return {
    databaseUrl,
    redisUrl,
    prefix,
    env: {
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: prefix,
      JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'info',
      // Far away unless a test wants schedules to fire.
      HEALTH_CHECK_INTERVAL_MINUTES: '600',
      AUTO_SYNC_INTERVAL_HOURS: '600',
      RATE_LIMIT_PER_MINUTE: '1000000',
      WS_SUBSCRIBE_PER_MINUTE: '1000000',
      WS_MAX_CONNECTIONS_PER_USER: '1000',
    },
  };
}

export interface LogLine {
  msg?: string;
  [key: string]: unknown;
}

/** A spawned `node -r @swc-node/register <entry>` process with its JSON log lines. */
export class ChildNode {
  readonly logs: LogLine[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly waiters: Array<{ test: (line: LogLine) => boolean; resolve: (line: LogLine) => void }> = [];
  private stderr = '';

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const text = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        let line: LogLine;
        try {
          line = JSON.parse(text) as LogLine;
        } catch {
          line = { msg: text };
        }
        this.logs.push(line);
        for (const waiter of [...this.waiters]) {
          if (waiter.test(line)) {
            this.waiters.splice(this.waiters.indexOf(waiter), 1);
            waiter.resolve(line);
          }
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-4000);
    });
    this.exited = new Promise((resolveExit) => child.once('exit', (code, signal) => resolveExit({ code, signal })));
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Resolves with the first log line (past or future) matching `test`; rejects if the process exits first. */
  waitForLog(test: (line: LogLine) => boolean, timeoutMs = 30_000): Promise<LogLine> {
    const seen = this.logs.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolveLine, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name}: no matching log within ${timeoutMs} ms\n${this.stderr}`)), timeoutMs);
      this.waiters.push({
        test,
        resolve: (line) => {
          clearTimeout(timer);
          resolveLine(line);
        },
      });
      void this.exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`${this.name} exited (${code ?? signal}) before the expected log\n${this.stderr}`));
      });
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }
}

function spawnNode(name: string, entry: string, env: Record<string, string>): ChildNode {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new ChildNode(name, child);
}

/** A worker process (workers/src/main.ts), resolved once it takes jobs. */
export async function startWorkerProcess(jobs: JobsEnvironment, env: Record<string, string> = {}, name = 'worker'): Promise<ChildNode> {
  const node = spawnNode(name, 'workers/src/main.ts', { ...jobs.env, WORKER_NAME: name, ...env });
  await node.waitForLog((line) => line.msg === 'workers ready', 45_000);
  return node;
}

/** An API process (server/src/main.ts) on a free port, resolved once it listens. */
export async function startApiProcess(jobs: JobsEnvironment, env: Record<string, string> = {}, name = 'api'): Promise<ChildNode & { port: number }> {
  const node = spawnNode(name, 'server/src/main.ts', { ...jobs.env, PORT: '0', ...env });
  const line = await node.waitForLog((l) => l.msg === 'API listening', 45_000);
  return Object.assign(node, { port: Number(line.port) });
}
