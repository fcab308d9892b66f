import { chmodSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/*
 * As root, the embedded postgres runs as the `postgres` user, which must traverse every directory
 * above its data and its binaries. What is ours to open up (the data directory: search permission
 * only, not read) is opened; a closed ancestor (e.g. /root, or a checkout made with `mktemp -d`)
 * is reported rather than changed. Unchecked, initdb dies with a bare EACCES.
 */

export function letPostgresUserReach(dataDir: string): void {
  chmodSync(dataDir, statSync(dataDir).mode | 0o711);
  const closed = closedAncestor(dataDir);
  if (closed) {
    throw new Error(
      `the postgres user cannot reach ${dataDir} because ${closed} is closed to other users: run as a non-root user, or set DATA_DIR to a directory outside it`,
    );
  }
}

export function assertPostgresUserCanRun(binDir: string): void {
  const closed = closedAncestor(join(binDir, 'postgres'));
  if (closed) {
    throw new Error(
      `the postgres user cannot run the embedded PostgreSQL in ${binDir} because ${closed} is closed to other users: run as a non-root user, open it with \`chmod o+x ${closed}\`, or set DATABASE_URL to an existing PostgreSQL`,
    );
  }
}

/** The nearest directory above `path` that others may not enter (no o+x), if any. */
export function closedAncestor(path: string): string | undefined {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}
