import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres';
import { clusterDirForPostgresUser } from './postgres-user-access';

export const STANDALONE_DATABASE = 'levelsync';

export interface StandaloneDatabase {
  readonly url: string;
  /** True when this process started the cluster (and stops it on close). */
  readonly owned: boolean;
  /** Where the cluster's files are, when this process started it. */
  readonly clusterDir?: string;
  close(): Promise<void>;
}

/**
 * The all-in-one mode's PostgreSQL: the embedded cluster under `<dataDir>/postgres`, kept across
 * starts. While a process runs it, its URL sits in `<dataDir>/postgres.json`, so a CLI command
 * (`db:seed`, `db:backup`) run next to `npm start` joins it instead of fighting for the files.
 */
export async function openStandaloneDatabase(
  dataDir: string,
  onLog?: (line: string) => void,
): Promise<StandaloneDatabase> {
  mkdirSync(dataDir, { recursive: true });
  const infoFile = join(dataDir, 'postgres.json');
  const running = await runningCluster(infoFile);
  if (running) return { url: running, owned: false, close: async () => undefined };

  const clusterDir = process.getuid?.() === 0 ? clusterDirForPostgresUser(dataDir) : join(dataDir, 'postgres');
  const cluster = await startEmbeddedPostgres({ dataDir: clusterDir, persistent: true, detached: true, onLog });
  try {
    await ensureDatabase(cluster.adminUrl, STANDALONE_DATABASE);
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  const url = cluster.urlFor(STANDALONE_DATABASE);
  writeFileSync(infoFile, JSON.stringify({ url, pid: process.pid }), { mode: 0o600 });
  return {
    url,
    owned: true,
    clusterDir,
    close: async () => {
      rmSync(infoFile, { force: true });
      await cluster.stop();
    },
  };
}

async function runningCluster(infoFile: string): Promise<string | undefined> {
  if (!existsSync(infoFile)) return undefined;
  try {
    const { url, pid } = JSON.parse(readFileSync(infoFile, 'utf8')) as { url: string; pid: number };
    if (!processExists(pid)) return undefined; // a crash left the file behind
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    await client.connect();
    await client.end();
    return url;
  } catch {
    return undefined;
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user (`npm start` as root, the CLI as yourself).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
}
