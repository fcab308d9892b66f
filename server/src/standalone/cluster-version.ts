import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The PostgreSQL major version of a `postgres` binary (`postgres (PostgreSQL) 15.18` → 15). */
export function binaryMajorVersion(binDir: string): number {
  const output = execFileSync(join(binDir, 'postgres'), ['--version'], { encoding: 'utf8' });
  const match = /\(PostgreSQL\) (\d+)/.exec(output);
  if (!match) throw new Error(`cannot tell the version of ${join(binDir, 'postgres')} from "${output.trim()}"`);
  return Number(match[1]);
}

/**
 * A cluster can only be opened by the major version that created it. Checked before anything
 * starts, so a cluster left by another major (LevelSync embedded PostgreSQL 18 before it moved to
 * 15, whose client tools the distributions ship) fails with what to do instead of postgres's own
 * "database files are incompatible with server", and its files are never touched.
 */
export function assertClusterMatchesBinaries(clusterDir: string, binDir: string): void {
  const versionFile = join(clusterDir, 'PG_VERSION');
  if (!existsSync(versionFile)) return;
  const clusterMajor = Number(readFileSync(versionFile, 'utf8').trim());
  const binaryMajor = binaryMajorVersion(binDir);
  if (clusterMajor === binaryMajor) return;
  throw new Error(
    `the embedded database in ${clusterDir} was created by PostgreSQL ${clusterMajor}, and the embedded PostgreSQL is now ${binaryMajor}, ` +
      `which cannot open it; nothing was changed. To start afresh (the demo data is generated again), move it aside: ` +
      `\`mv ${clusterDir} ${clusterDir}-pg${clusterMajor}\`. To keep its data, run it with a PostgreSQL ${clusterMajor} server and set DATABASE_URL to it, ` +
      `or dump it with a pg_dump ${clusterMajor} and load the dump with \`npm run db:restore -- --file <dump>\` (which creates the new cluster)`,
  );
}
