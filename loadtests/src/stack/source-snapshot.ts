import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SourceTree {
  readonly root: string;
  readonly description: string;
  remove(): void;
}

/**
 * Where the API under test is started from. The working tree by default (what a fresh clone
 * runs); with LOADTEST_SOURCE=head, a snapshot of the last commit, so that a run measures committed
 * code and is not broken by half-saved edits in a shared checkout.
 */
export function resolveSourceTree(repoRoot: string, env: NodeJS.ProcessEnv = process.env): SourceTree {
  if (env.LOADTEST_SOURCE !== 'head') return { root: repoRoot, description: 'working tree', remove: () => undefined };
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot }).toString().trim();
  const root = mkdtempSync(join(tmpdir(), `levelsync-src-${commit}-`));
  execFileSync('sh', ['-c', `git archive HEAD server workers package.json tsconfig.json | tar -x -C '${root}'`], { cwd: repoRoot });
  symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'));
  return { root, description: `commit ${commit}`, remove: () => rmSync(root, { recursive: true, force: true }) };
}
