import fc from 'fast-check';
import { buildClientSchema, getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbFingerprint } from '../support/db-fingerprint';
import { fuzzOperation, type FuzzOperation } from '../support/graphql-arbitraries';
import { createStudent, startTestApp, type TestApp } from '../support/test-app';

const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
/**
 * Cases per operation. Queries write nothing and run 8 at a time; mutations run one at a time, each
 * between two database fingerprints; login verifies an argon2id hash per call (about 50 ms).
 */
const QUERY_RUNS = 1_000;
const MUTATION_RUNS = 230;
const CAPPED: Record<string, number> = { login: 80 };
const NO_ARGUMENT_RUNS = 5;
const QUERY_CONCURRENCY = 8;

// Signs of a leaked internal: a stack frame, a source path, a module path, or a stack extension.
const LEAK = /\n\s+at\s|\.(?:ts|js):\d+:\d+|node_modules|\/work\/|stacktrace/i;

interface Tally {
  cases: number;
  accepted: number;
  codes: Map<string, number>;
  failures: string[];
}

describe('property-based fuzzing of every operation’s arguments', () => {
  let app: TestApp;
  let admin: string;
  let operations: FuzzOperation[];
  const tally: Tally = { cases: 0, accepted: 0, codes: new Map(), failures: [] };
  let fingerprint = '';

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.adminToken();
    for (let i = 0; i < 5; i += 1) await createStudent(app, i % 2 === 0 ? ['PLAYER'] : ['COACH', 'INTERNSHIP']);
    await app.createUser('INSTRUCTOR');
    const { body } = await app.gql<IntrospectionQuery>(getIntrospectionQuery(), {}, admin);
    const schema = buildClientSchema(body.data!);
    // Mutations without arguments (runHealthCheck, runAutoSync) have nothing to fuzz, and need a job queue this app lacks.
    operations = [
      ...Object.values(schema.getQueryType()!.getFields()).map((f) => fuzzOperation('query', f)),
      ...Object.values(schema.getMutationType()!.getFields())
        .filter((f) => f.args.length > 0)
        .map((f) => fuzzOperation('mutation', f)),
    ];
    console.info(`fuzz seed ${SEED} (rerun with FUZZ_SEED=${SEED}); operations: ${operations.map((o) => o.name).join(', ')}`);
  });
  afterAll(async () => {
    const codes = [...tally.codes].map(([code, n]) => `${code} ${n}`).join(', ');
    console.info(`fuzz: ${tally.cases} cases, ${tally.accepted} accepted, outcomes: ${codes}; failures: ${tally.failures.length}`);
    await app.close();
  });

  const runsFor = (operation: FuzzOperation) => {
    if (!operation.text.includes('$')) return NO_ARGUMENT_RUNS;
    return CAPPED[operation.name] ?? (operation.kind === 'query' ? QUERY_RUNS : MUTATION_RUNS);
  };

  /** Records every problem rather than stopping at the first, so one run shows them all. */
  async function probe(operation: FuzzOperation, variables: Record<string, unknown>): Promise<void> {
    const request = JSON.stringify({ query: operation.text, variables });
    const response = await fetch(app.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: request,
    });
    const text = await response.text();
    tally.cases += 1;
    const body = JSON.parse(text) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
    const code = body.errors?.[0]?.extensions?.code ?? 'OK';
    tally.codes.set(code, (tally.codes.get(code) ?? 0) + 1);
    const problems: string[] = [];
    if (response.status >= 500) problems.push(`status ${response.status}`);
    if (code === 'INTERNAL_SERVER_ERROR') problems.push('INTERNAL_SERVER_ERROR');
    if (LEAK.test(text) && !LEAK.test(request)) problems.push('internal detail leaked');
    if (!body.errors) tally.accepted += 1;
    if (operation.kind === 'mutation') {
      // Mutations run one at a time, so the fingerprint moves only when one is accepted.
      const after = await dbFingerprint(app);
      if (body.errors && after !== fingerprint) problems.push('a refused mutation changed the database');
      fingerprint = after;
    }
    if (problems.length > 0) tally.failures.push(`${operation.name} ${request.slice(0, 300)} → ${problems.join(', ')}: ${text.slice(0, 300)}`);
  }

  it('never answers 5xx, leaks a stack trace, or writes on a refused request', async () => {
    const timings: string[] = [];
    for (const [index, operation] of operations.entries()) {
      const numRuns = runsFor(operation);
      const samples = fc.sample(operation.variables, { seed: SEED + index, numRuns });
      const started = performance.now();
      if (operation.kind === 'query') {
        for (let i = 0; i < samples.length; i += QUERY_CONCURRENCY) {
          await Promise.all(samples.slice(i, i + QUERY_CONCURRENCY).map((variables) => probe(operation, variables)));
        }
      } else {
        // A test notification goes to its channel's own host, and the channels fuzzed into being name
        // arbitrary hosts: tests talk to loopback only, so none is left to send to (every id is refused).
        if (operation.name === 'sendTestNotification') await app.sql('delete from notification_channels');
        fingerprint = await dbFingerprint(app);
        for (const variables of samples) await probe(operation, variables);
      }
      timings.push(`${operation.name} ${numRuns} in ${Math.round(performance.now() - started)} ms`);
    }
    console.info(`fuzz runs: ${timings.join(', ')}`);
    console.info(tally.failures.slice(0, 20).join('\n'));
    expect(tally.failures).toEqual([]);
    expect(tally.cases).toBeGreaterThanOrEqual(5_000);
  }, 240_000);
});
