// The rooms of the code base and the doors between them (README, "Architecture"). `npm run check`
// fails on any import that crosses a boundary the wrong way.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'An import cycle makes two modules one: split the shared part out.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'domain-knows-no-transport',
      severity: 'error',
      comment: 'The domain knows nothing of GraphQL, HTTP, the event transports, BullMQ, the jobs room, or the process configuration (it is handed its own part).',
      from: { path: '^server/src/domain/' },
      to: {
        path: [
          '^server/src/(graphql|http|events|jobs|queue|observability|standalone|cli|ops|config)/',
          '^workers/',
          '(^|/)node_modules/(graphql|type-graphql|graphql-ws|graphql-scalars|@apollo|@as-integrations|express|ws|bullmq|ioredis|@graphql-yoga|@repeaterjs|dataloader|prom-client|helmet|cors)/',
        ],
      },
    },
    {
      name: 'server-never-imports-workers',
      severity: 'error',
      comment: 'workers/ holds the worker entry point only; the job code lives in the server tree.',
      from: { path: '^server/' },
      to: { path: '^workers/' },
    },
    {
      name: 'web-talks-through-the-schema',
      severity: 'error',
      comment: 'The dashboard talks to the server only through schema.graphql and its generated client.',
      from: { path: '^web/src/' },
      to: { path: '^(server|workers|loadtests)/' },
    },
    {
      name: 'product-code-imports-no-tests',
      severity: 'error',
      from: { path: '^(server|workers|web|loadtests)/src/' },
      to: { path: '^(server|workers|loadtests)/test/|^web/e2e/|\\.spec\\.tsx?$' },
    },
    {
      name: 'shared-test-support-has-one-home',
      severity: 'error',
      comment: 'Test helpers shared across packages live in server/test/support/; a package keeps its own helpers to itself.',
      from: { path: '^(server/test|workers/test|loadtests/test|web/e2e|web/src)/' },
      to: {
        path: '^(server/test|workers/test|loadtests/test|web/e2e)/',
        pathNot: ['^server/test/support/', '^$1/'],
      },
    },
    {
      name: 'nothing-imports-loadtests',
      severity: 'error',
      from: { pathNot: '^loadtests/' },
      to: { path: '^loadtests/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|\\.data)/|^web/src/generated/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
