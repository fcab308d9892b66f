import { spawn } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../domain/logging/logger';

/**
 * The dashboard the all-in-one mode serves: web/dist, built with Vite on the first start when it
 * is missing (a fresh clone). A failed build is not fatal: the API still starts, and says so.
 */
export async function ensureDashboardBuilt(repoRoot: string, logger: Logger): Promise<string | undefined> {
  const dist = join(repoRoot, 'web', 'dist');
  if (existsSync(join(dist, 'index.html'))) return dist;
  const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(vite)) {
    logger.warn('dashboard not built and Vite is not installed: serving the API only');
    return undefined;
  }
  logger.info('building the dashboard (first start only)');
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
    try {
      if (!existsSync(join(dist, 'index.html'))) {
        rmSync(dist, { recursive: true, force: true });
        renameSync(staging, dist);
      }
    } catch {
      // another start moved its build in first: theirs is as good as ours
    }
    rmSync(staging, { recursive: true, force: true });
    if (existsSync(join(dist, 'index.html'))) return dist;
  }
  rmSync(staging, { recursive: true, force: true });
  logger.warn({ output: output.join('').slice(-2000) }, 'dashboard build failed: serving the API only (try `npm run build:web`)');
  return undefined;
}
