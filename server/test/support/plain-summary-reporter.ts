import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends the run with the plain `N passed, N failed` line that CI reads. A test that was meant to run
 * but did not (its suite's setup failed) counts as failed; tests skipped on purpose or left out by a
 * filter (`-t`) are only mentioned, on the line before.
 */
export class PlainSummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let notRun = 0;
    let skipped = 0;
    for (const mod of testModules) {
      if (mod.state() === 'failed' && [...mod.children.allTests()].length === 0) failed += 1;
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else if (test.options.mode === 'skip' || test.options.mode === 'todo') skipped += 1;
        else notRun += 1;
      }
    }
    if (notRun > 0) process.stdout.write(`\n${notRun} test(s) did not run because their suite's setup failed: counted as failed\n`);
    if (skipped > 0) process.stdout.write(`\n${skipped} test(s) skipped or filtered out\n`);
    process.stdout.write(`\n${passed} passed, ${failed + notRun} failed\n`);
  }
}

// Vitest loads custom reporters through their module's default export.
// eslint-disable-next-line no-restricted-syntax
export default PlainSummaryReporter;
