import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dashboardBuildIsCurrent } from '../../src/standalone/dashboard-build';

describe('the all-in-one dashboard build', () => {
  const roots: string[] = [];
  afterEach(() => roots.splice(0).forEach((root) => rmSync(root, { recursive: true, force: true })));

  /** A checkout whose sources were last written at `sourcesAt`, built at `builtAt` (seconds), if at all. */
  const checkout = (sourcesAt: number, builtAt?: number) => {
    const root = mkdtempSync(join(tmpdir(), 'levelsync-dashboard-build-'));
    roots.push(root);
    mkdirSync(join(root, 'web', 'src', 'features'), { recursive: true });
    for (const file of [join(root, 'web', 'src', 'features', 'page.tsx'), join(root, 'web', 'index.html'), join(root, 'package-lock.json')]) {
      writeFileSync(file, 'x');
      utimesSync(file, sourcesAt, sourcesAt);
    }
    if (builtAt !== undefined) {
      mkdirSync(join(root, 'web', 'dist'));
      writeFileSync(join(root, 'web', 'dist', 'index.html'), '<!doctype html>');
      utimesSync(join(root, 'web', 'dist', 'index.html'), builtAt, builtAt);
    }
    return root;
  };

  it('is current when built after every source, and missing otherwise', () => {
    expect(dashboardBuildIsCurrent(checkout(1_000, 2_000))).toBe(true);
    expect(dashboardBuildIsCurrent(checkout(1_000))).toBe(false);
  });

  it('is stale once any source is newer than the build (a pull, an edit, new dependencies)', () => {
    const root = checkout(1_000, 2_000);
    const edited = join(root, 'web', 'src', 'features', 'page.tsx');
    utimesSync(edited, 3_000, 3_000);
    expect(dashboardBuildIsCurrent(root)).toBe(false);

    const other = checkout(1_000, 2_000);
    utimesSync(join(other, 'package-lock.json'), 3_000, 3_000);
    expect(dashboardBuildIsCurrent(other)).toBe(false);
  });
});
