import { createRequire } from 'node:module';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// Two projects: the server side (decorator metadata needs SWC, not esbuild) and the web components (jsdom).
export default defineConfig({
  test: {
    reporters: ['default', './server/test/support/plain-summary-reporter.ts'],
    // Two cores: one test file per core.
    maxWorkers: 2,
    projects: [
      {
        plugins: [swc.vite({ module: { type: 'es6' } })],
        // graphql ships ESM and CJS builds; type-graphql requires the CJS one, so tests must share it
        // (two copies of graphql refuse each other's types).
        resolve: { alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }] },
        test: {
          name: 'server',
          include: ['server/test/**/*.spec.ts', 'loadtests/test/**/*.spec.ts', 'web/e2e/**/*.spec.ts'],
          environment: 'node',
          globalSetup: ['server/test/support/global-setup.ts'],
          setupFiles: ['reflect-metadata'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          fileParallelism: true,
        },
      },
      {
        test: {
          name: 'web',
          include: ['web/src/**/*.spec.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['web/src/test/setup.ts'],
          // jsdom renders slowly while the server project's files keep both cores busy.
          testTimeout: 20_000,
        },
      },
    ],
  },
});
