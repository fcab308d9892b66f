import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const CI_RUN = resolve(__dirname, '../../../.ci/run');
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/**
 * `.ci/run` with an `npm` on PATH whose `npm test` prints `testOutput` and exits with `exitCode`
 * (`npm ci` succeeds), so what .ci/run adds to a test run's output can be seen in a second.
 */
function ciRun(testOutput: string, exitCode: number): { status: number | null; lines: string[] } {
  const bin = mkdtempSync(join(tmpdir(), 'levelsync-ci-run-'));
  dirs.push(bin);
  writeFileSync(join(bin, 'test-output'), testOutput);
  const npm = join(bin, 'npm');
  writeFileSync(npm, `#!/usr/bin/env bash\n[ "$1" = test ] || exit 0\ncat "${join(bin, 'test-output')}"\nexit ${exitCode}\n`);
  chmodSync(npm, 0o755);
  const result = spawnSync('bash', [CI_RUN], {
    encoding: 'utf8',
    // A machine with what .ci/run would otherwise install: nothing to apt-get.
    env: { PATH: `${bin}:${process.env.PATH}`, CHROME_PATH: npm, TEST_DATABASE_URL: 'postgres://127.0.0.1/unused' },
  });
  return { status: result.status, lines: `${result.stdout}${result.stderr}`.split('\n').filter((line) => line.trim() !== '') };
}

describe('.ci/run', () => {
  it('ends with the reporter’s summary line, printed once', () => {
    const { status, lines } = ciRun(' Test Files  3 passed (3)\n\n12 passed, 0 failed\n', 0);
    expect(status).toBe(0);
    expect(lines.at(-1)).toBe('12 passed, 0 failed');
    expect(lines.filter((line) => line === '12 passed, 0 failed')).toHaveLength(1);
  });

  it('reports a failure when the tests exit non-zero with "0 failed"', () => {
    const { status, lines } = ciRun('12 passed, 0 failed\nError: a worker crashed after the run\n', 1);
    expect(status).toBe(1);
    expect(lines.at(-1)).toBe('12 passed, 1 failed');
  });

  it('ends with a summary line when the run printed none', () => {
    const { status, lines } = ciRun('Error: failed to load the config\n', 1);
    expect(status).toBe(1);
    expect(lines.at(-1)).toBe('0 passed, 1 failed');
  });

  it('finds the summary in output that carries NUL bytes, and keeps each run’s log its own', () => {
    const inner = ciRun('12 passed, 0 failed\n', 0);
    const outer = ciRun('\u0000\u0000 terminal noise \u0000\n7 passed, 0 failed\n', 0);
    expect(inner.lines.at(-1)).toBe('12 passed, 0 failed');
    expect(outer.status).toBe(0);
    expect(outer.lines.at(-1)).toBe('7 passed, 0 failed');
  });

  it('repeats the summary when something was printed after it', () => {
    const { lines } = ciRun('3 passed, 2 failed\nclose timed out after 10000ms\n', 1);
    expect(lines.slice(-2)).toEqual(['close timed out after 10000ms', '3 passed, 2 failed']);
  });
});
