import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { findFreePort } from '../../../server/src/standalone/free-port';

export const REPO_ROOT = resolve(__dirname, '../../..');
export const LOADTEST_JWT_SECRET = 'loadtest-secret-0123456789-0123456789-abcdef';
export const LOADTEST_ADMIN_EMAIL = 'admin@loadtest.levelsync.local';
export const LOADTEST_ADMIN_PASSWORD = 'Kq7-vortex-lantern-9931-zephyr';

export interface ApiProcessOptions {
  databaseUrl: string;
  redisUrl: string;
  /** Extra flags for node, e.g. ['--cpu-prof', '--cpu-prof-dir=…']. */
  nodeArgs?: string[];
  env?: Record<string, string>;
  port?: number;
  /** The checkout to start from (see source-snapshot.ts); the repository by default. */
  sourceRoot?: string;
  /** False: without package.json's config.malloc_env (to measure what it does). */
  allocatorEnv?: boolean;
}

export interface ApiProcess {
  readonly url: string;
  readonly graphqlUrl: string;
  readonly wsUrl: string;
  readonly port: number;
  /** REDIS_KEY_PREFIX of this API: its BullMQ keys and pub/sub channels start with it. */
  readonly keyPrefix: string;
  pid(): number;
  /** SIGTERM and wait (a graceful drain); SIGKILL after 10 s. */
  stop(): Promise<void>;
  /** kill -9, for fault injection. */
  kill(): Promise<void>;
  /** Starts a fresh process on the same port. */
  restart(): Promise<void>;
  stderrTail(): string;
}

/**
 * How the API child runs: precompiled like `npm run server` (the default: server/build.mjs
 * builds dist/server in the source tree first), or with LOADTEST_API_RUNTIME=ts through SWC's
 * require hook (`npm run server:ts`), to compare the two.
 */
export function apiEntry(sourceRoot: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const flags = productionNodeOptions();
  if (env.LOADTEST_API_RUNTIME === 'ts') return [...flags, '-r', '@swc-node/register', 'server/src/main.ts'];
  execFileSync(process.execPath, [resolve(REPO_ROOT, 'server/build.mjs'), sourceRoot], { stdio: ['ignore', 'ignore', 'inherit'] });
  return [...flags, 'dist/server/main.js'];
}

/**
 * How a workers process runs: precompiled like `npm run workers` (dist/workers, which
 * server/build.mjs writes with dist/server), with the same heap settings; or, with
 * LOADTEST_API_RUNTIME=ts, through SWC's require hook (`npm run workers:ts`).
 */
export function workerEntry(sourceRoot: string, env: NodeJS.ProcessEnv = process.env): string[] {
  if (env.LOADTEST_API_RUNTIME === 'ts') return ['-r', '@swc-node/register', 'workers/src/main.ts'];
  execFileSync(process.execPath, [resolve(REPO_ROOT, 'server/build.mjs'), sourceRoot], { stdio: ['ignore', 'ignore', 'inherit'] });
  return [...productionNodeOptions(), 'dist/workers/main.js'];
}

interface PackageConfig {
  node_options?: string;
  malloc_env?: string;
}

function packageConfig(): PackageConfig {
  return (JSON.parse(readFileSync(resolve(REPO_ROOT, 'package.json'), 'utf8')) as { config?: PackageConfig }).config ?? {};
}

/** The heap settings `npm run server` starts the API with (package.json's config.node_options). */
function productionNodeOptions(): string[] {
  return packageConfig().node_options?.split(/\s+/).filter(Boolean) ?? [];
}

/** The allocator settings `npm run server` and `npm run workers` start with (package.json's config.malloc_env, `NAME=value` pairs). */
export function productionEnv(): Record<string, string> {
  const pairs = packageConfig().malloc_env?.split(/\s+/).filter(Boolean) ?? [];
  return Object.fromEntries(pairs.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
}

/**
 * The real API as its own process, exactly as `npm run server` starts it, so that the load
 * generator and the server do not share an event loop. The limits are lifted (the limiter still
 * runs, and its Redis round trip is part of what we measure), so we measure the API, not refusals.
 */
export async function startApiProcess(options: ApiProcessOptions): Promise<ApiProcess> {
  const port = options.port ?? (await findFreePort());
  const sourceRoot = options.sourceRoot ?? REPO_ROOT;
  const entry = apiEntry(sourceRoot);
  const env = {
    ...process.env,
    ...(options.allocatorEnv === false ? {} : productionEnv()),
    NODE_ENV: 'development',
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    REDIS_KEY_PREFIX: `lt${port}`,
    JWT_SECRET: LOADTEST_JWT_SECRET,
    ADMIN_EMAIL: LOADTEST_ADMIN_EMAIL,
    ADMIN_PASSWORD: LOADTEST_ADMIN_PASSWORD,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    // node-pg names every connection after it (pg_stat_activity.application_name): scenarios count the API's own.
    PGAPPNAME: 'levelsync-api',
    RATE_LIMIT_PER_MINUTE: '100000000',
    RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
    RATE_LIMIT_LOGIN_IP_PER_MINUTE: '100000',
    WS_MAX_CONNECTIONS_PER_USER: '100000',
    WS_SUBSCRIBE_PER_MINUTE: '100000000',
    ...options.env,
  };
  let stderr = '';
  let child: ChildProcess;
  const launch = async () => {
    child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...extraNodeArgs(), ...entry], {
      cwd: sourceRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    await waitForReady(`http://127.0.0.1:${port}/readyz`, child, () => stderr);
  };
  await launch();
  const waitExit = (signal: NodeJS.Signals, graceMs: number) =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.once('exit', () => (clearTimeout(force), done()));
      child.kill(signal);
    });
  return {
    url: `http://127.0.0.1:${port}`,
    graphqlUrl: `http://127.0.0.1:${port}/graphql`,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    port,
    keyPrefix: env.REDIS_KEY_PREFIX,
    pid: () => child.pid!,
    stop: () => waitExit('SIGTERM', 10_000),
    kill: () => waitExit('SIGKILL', 0),
    restart: launch,
    stderrTail: () => stderr,
  };
}

/**
 * LOADTEST_API_NODE_ARGS: flags for the API's node, space-separated (e.g. `--trace-gc` or
 * `--max-semi-space-size=32`), to try a runtime setting on a run without editing the stack.
 */
export function extraNodeArgs(env: NodeJS.ProcessEnv = process.env): string[] {
  const raw = env.LOADTEST_API_NODE_ARGS?.trim();
  if (!raw) return [];
  const args = raw.split(/\s+/);
  const bad = args.find((arg) => !/^--[a-z0-9-]+(=[\w.,:/-]+)?$/i.test(arg));
  if (bad) throw new Error(`LOADTEST_API_NODE_ARGS: ${bad} is not a --flag or --flag=value`);
  return args;
}

async function waitForReady(url: string, child: ChildProcess, stderr: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`API exited with ${child.exitCode} before it was ready: ${stderr().trim()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`API not ready after ${timeoutMs} ms: ${stderr().trim()}`);
}
