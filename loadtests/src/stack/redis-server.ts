import { spawn, spawnSync } from 'node:child_process';
import { Socket } from 'node:net';
import { findFreePort } from '../../../server/src/standalone/free-port';

export interface RedisInstance {
  readonly url: string;
  readonly port: number;
  /** Stops it (SIGKILL when `hard`); a no-op for a REDIS_URL given from outside. */
  stop(hard?: boolean): Promise<void>;
  /** Starts it again on the same port (fault injection). */
  restart(): Promise<void>;
}

/** REDIS_URL if set, else a private redis-server on a free loopback port without persistence. */
export async function startRedis(env: NodeJS.ProcessEnv = process.env): Promise<RedisInstance> {
  if (env.REDIS_URL) {
    const url = env.REDIS_URL;
    return { url, port: Number(new URL(url).port || 6379), stop: async () => undefined, restart: async () => undefined };
  }
  if (spawnSync('redis-server', ['--version']).error) {
    throw new Error('loadtests need Redis: set REDIS_URL or install redis-server (apt-get install redis-server)');
  }
  const port = await findFreePort();
  let child = launch(port);
  await waitForPort(port);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop(hard = false) {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(hard ? 'SIGKILL' : 'SIGTERM');
      await exited;
    },
    async restart() {
      child = launch(port);
      await waitForPort(port);
    },
  };
}

function launch(port: number) {
  return spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
}

export async function waitForPort(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => (socket.destroy(), resolve(false)));
      socket.connect(port, '127.0.0.1');
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
}
