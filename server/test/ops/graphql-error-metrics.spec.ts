import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app';

const LIMIT = 4;

/** The counter's value for one code, as /metrics shows it (0 while the series does not exist). */
async function errorsCounted(app: TestApp, code: string): Promise<number> {
  const text = await (await fetch(`${app.httpUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`levelsync_graphql_errors_total{code="${code}"} `));
  return line ? Number(line.split(' ')[1]) : 0;
}

async function allCodes(app: TestApp): Promise<string[]> {
  const text = await (await fetch(`${app.httpUrl}/metrics`)).text();
  return [...text.matchAll(/^levelsync_graphql_errors_total\{code="([^"]+)"\}/gm)].map((m) => m[1]!);
}

describe('levelsync_graphql_errors_total', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ RATE_LIMIT_PER_MINUTE: String(LIMIT), REDIS_KEY_PREFIX: `metrics-${inject('runId')}-${process.pid}` });
  });
  afterAll(() => app.close());

  it('counts the code the client receives: a validation failure is BAD_USER_INPUT, then a 429 is RATE_LIMITED', async () => {
    const badInputBefore = await errorsCounted(app, 'BAD_USER_INPUT');
    const rateLimitedBefore = await errorsCounted(app, 'RATE_LIMITED');

    const invalid = await app.gql('{ noSuchField }');
    expect(invalid.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unparsable = await app.gql('{ me { ');
    expect(unparsable.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await errorsCounted(app, 'BAD_USER_INPUT')).toBe(badInputBefore + 2);

    for (let i = 0; i < LIMIT - 2; i += 1) await app.gql('{ __typename }');
    const limited = await app.gql('{ __typename }');
    expect(limited.status).toBe(429);
    expect(limited.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(await errorsCounted(app, 'RATE_LIMITED')).toBe(rateLimitedBefore + 1);

    // Only the public vocabulary appears as labels.
    const publicCodes = ['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'RATE_LIMITED', 'INTERNAL_SERVER_ERROR'];
    for (const code of await allCodes(app)) expect(publicCodes).toContain(code);
  });
});
