import { spawn } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../domain/logging/logger';

/** What a build is made of: a change to any of these (a pull, an edit) makes web/dist stale. */
const SOURCES = ['web/src', 'web/index.html', 'web/vite.config.mts', 'package-lock.json'];

/** The newest modification time among the dashboard's sources (ms), 0 when none is there. */
function newestSourceMtime(repoRoot: string): number {
  let newest = 0;
  const visit = (path: string): void => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) visit(join(path, entry));
    } else if (stat.mtimeMs > newest) {
      newest = stat.mtimeMs;
    }
  };
  for (const source of SOURCES) visit(join(repoRoot, source));
  return newest;
}

/** Whether web/dist holds a build at least as new as every source of it. */
export function dashboardBuildIsCurrent(repoRoot: string): boolean {
  const built = statSync(join(repoRoot, 'web', 'dist', 'index.html'), { throwIfNoEntry: false });
  return built !== undefined && built.mtimeMs >= newestSourceMtime(repoRoot);
}

/**
 * The dashboard the all-in-one mode serves: web/dist, built with Vite when it is missing (a fresh
 * clone) or older than its sources (after a pull, which would otherwise keep serving yesterday's
 * dashboard against today's API). A failed build is not fatal: the API still starts, and says so
 * (with the previous build, if there is one).
 */
export async function ensureDashboardBuilt(repoRoot: string, logger: Logger): Promise<string | undefined> {
  const dist = join(repoRoot, 'web', 'dist');
  const previous = existsSync(join(dist, 'index.html'));
  if (previous && dashboardBuildIsCurrent(repoRoot)) return dist;
  const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(vite)) {
    logger.warn('dashboard not built and Vite is not installed: serving the API only');
    return undefined;
  }
  logger.info(previous ? 'rebuilding the dashboard (its sources changed since the last build)' : 'building the dashboard (first start only)');
  // Built aside and moved into place, so two first starts (or a test run) never see half a build.
  const staging = join(repoRoot, 'web', `.dist-${process.pid}`);
  const output: string[] = [];
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [vite, 'build', '--config', join(repoRoot, 'web', 'vite.config.mts'), '--outDir', staging, '--logLevel', 'warn'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.on('error', () => resolve(-1));
    child.on('close', (exit) => resolve(exit ?? -1));
  });
  if (code === 0 && existsSync(join(staging, 'index.html'))) {
    // The old build is moved aside, not deleted in place, so a request never sees half of either.
    const retired = join(repoRoot, 'web', `.dist-old-${process.pid}`);
    try {
      if (!dashboardBuildIsCurrent(repoRoot)) {
        if (existsSync(dist)) renameSync(dist, retired);
        renameSync(staging, dist);
      }
    } catch {
      // another start moved its build in first: theirs is as good as ours
    }
    rmSync(retired, { recursive: true, force: true });
    rmSync(staging, { recursive: true, force: true });
    if (existsSync(join(dist, 'index.html'))) return dist;
  }
  rmSync(staging, { recursive: true, force: true });
  if (previous && existsSync(join(dist, 'index.html'))) {
    logger.warn({ output: output.join('').slice(-2000) }, 'dashboard rebuild failed: serving the previous build (try `npm run build:web`)');
    return dist;
  }
  logger.warn({ output: output.join('').slice(-2000) }, 'dashboard build failed: serving the API only (try `npm run build:web`)');
  return undefined;
}
