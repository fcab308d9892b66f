import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { loadConfig } from '../../src/config/app-config';
import { createLogger } from '../../src/domain/logging/logger';
import { createRateLimiters } from '../../src/http/rate-limiters';
import { findFreePort } from '../../src/standalone/free-port';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/test-app';
import { openWsSession } from '../support/ws-session';

let prefixes = 0;
/** Rate counters live in the shared test Redis: every app here gets keys of its own. */
const isolated = (env: Record<string, string>) => ({ REDIS_KEY_PREFIX: `rl-${inject('runId')}-${process.pid}-${++prefixes}`, ...env });

interface Answer {
  status: number;
  retryAfter: number | null;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

async function post(app: TestApp, payload: unknown, token?: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(app.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify(payload),
  });
  const retryAfter = response.headers.get('retry-after');
  return { status: response.status, retryAfter: retryAfter === null ? null : Number(retryAfter), body: (await response.json()) as Answer['body'] };
}

const LOGIN = 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }';
const aliasedLogins = (count: number, email: string) =>
  `mutation { ${Array.from({ length: count }, (_, i) => `a${i}: login(email: "${email}", password: "guess-${i}") { accessToken }`).join(' ')} }`;

function expectRateLimited(answer: Answer) {
  expect(answer.status).toBe(429);
  expect(answer.retryAfter).toBeGreaterThanOrEqual(1);
  expect(answer.retryAfter).toBeLessThanOrEqual(60);
  expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: answer.retryAfter });
}

describe('when a client goes over RATE_LIMIT_PER_MINUTE', () => {
  const LIMIT = 5;
  let app: TestApp;
  beforeAll(async () => {
    // Reads of a signed-in user have their own budget (next block); here it is as small as the other.
    app = await startTestApp(isolated({ RATE_LIMIT_PER_MINUTE: String(LIMIT), RATE_LIMIT_READS_PER_MINUTE: String(LIMIT) }));
  });
  afterAll(() => app.close());

  it('answers N requests from an address and refuses the N+1st with 429, Retry-After and RATE_LIMITED', async () => {
    for (let i = 0; i < LIMIT; i += 1) expect((await post(app, { query: '{ __typename }' })).status).toBe(200);
    expectRateLimited(await post(app, { query: '{ __typename }' }));
  });

  it('charges WebSocket upgrades to the same address budget: the N+1st gets 429', async () => {
    const ws = openWsSession(app.wsUrl);
    expect(await ws.refused).toBe(429);
  });

  it('gives each signed-in user a budget of their own, and a forged token none', async () => {
    const { token } = await app.createUser('STUDENT');
    for (let i = 0; i < LIMIT; i += 1) expect((await post(app, { query: '{ me { id } }' }, token)).status).toBe(200);
    expectRateLimited(await post(app, { query: '{ me { id } }' }, token));
    // The address is spent: an invalid token is charged to it, not to a fresh budget.
    expectRateLimited(await post(app, { query: '{ me { id } }' }, `${token.slice(0, -2)}xx`));
  });
});

describe("when a signed-in user's queries and mutations share the minute", () => {
  const WRITES = 4;
  const READS = 10;
  let app: TestApp;
  let token: string;
  beforeAll(async () => {
    app = await startTestApp(isolated({ RATE_LIMIT_PER_MINUTE: String(WRITES), RATE_LIMIT_READS_PER_MINUTE: String(READS) }));
    ({ token } = await app.createUser('STUDENT'));
  });
  afterAll(() => app.close());

  it('charges queries to the reads budget, so reading more than RATE_LIMIT_PER_MINUTE is not refused, and hammering reads still is', async () => {
    const statuses = [];
    for (let i = 0; i < READS; i += 1) statuses.push((await post(app, { query: '{ me { id } }' }, token)).status);
    expect(statuses).toEqual(Array.from({ length: READS }, () => 200));
    expectRateLimited(await post(app, { query: '{ me { id } }' }, token));
  });

  it('keeps mutations on RATE_LIMIT_PER_MINUTE, untouched by the reads', async () => {
    const statuses = [];
    for (let i = 0; i < WRITES; i += 1) statuses.push((await post(app, { query: 'mutation { __typename }' }, token)).status);
    expect(statuses).toEqual(Array.from({ length: WRITES }, () => 200));
    expectRateLimited(await post(app, { query: 'mutation { __typename }' }, token));
  });

  it('takes the kind from the operation that runs: a mutation named beside a query, or a document it cannot read, is a write', async () => {
    const other = (await app.createUser('STUDENT')).token;
    const mixed = { query: 'query Look { __typename } mutation Write { __typename }', operationName: 'Write' };
    for (let i = 0; i < WRITES - 1; i += 1) expect((await post(app, mixed, other)).status).toBe(200);
    expect((await post(app, { query: '{ me { id ' }, other)).status).toBe(400);
    expectRateLimited(await post(app, mixed, other));
    // Its reads budget is still whole.
    expect((await post(app, { query: 'query Look { __typename } mutation Write { __typename }', operationName: 'Look' }, other)).status).toBe(200);
  });

  it('charges anonymous queries to the address budget, not to a reads budget', async () => {
    const statuses = [];
    for (let i = 0; i < WRITES + 1; i += 1) statuses.push((await post(app, { query: '{ __typename }' })).status);
    expect(statuses).toEqual([...Array.from({ length: WRITES }, () => 200), 429]);
  });
});

describe('when requests come through a proxy', () => {
  const forwardedFor = (i: number) => ({ 'x-forwarded-for': `198.51.100.${i}` });

  it('ignores X-Forwarded-For by default, so a forged header buys no fresh budget', async () => {
    const app = await startTestApp(isolated({ RATE_LIMIT_PER_MINUTE: '2' }));
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await post(app, { query: '{ __typename }' }, undefined, forwardedFor(i))).status);
    expect(statuses).toEqual([200, 200, 429]);
    await app.close();
  });

  it('counts each forwarded client on its own when TRUST_PROXY names the proxy', async () => {
    const app = await startTestApp(isolated({ RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: 'loopback' }));
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await post(app, { query: '{ __typename }' }, undefined, forwardedFor(i))).status);
    for (let i = 0; i < 2; i += 1) statuses.push((await post(app, { query: '{ __typename }' }, undefined, forwardedFor(0))).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    await app.close();
  });
});

describe('when someone brute-forces login', () => {
  const PER_EMAIL = 3;
  const PER_IP = 6;
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(
      isolated({ RATE_LIMIT_LOGIN_PER_MINUTE: String(PER_EMAIL), RATE_LIMIT_LOGIN_IP_PER_MINUTE: String(PER_IP) }),
    );
  });
  afterAll(() => app.close());

  it('refuses the attempt after N on one email, even with the right password', async () => {
    for (let i = 0; i < PER_EMAIL; i += 1) {
      const wrong = await post(app, { query: LOGIN, variables: { e: ADMIN_EMAIL, p: `wrong-password-${i}` } });
      expect(wrong.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const right = await post(app, { query: LOGIN, variables: { e: ADMIN_EMAIL.toUpperCase(), p: ADMIN_PASSWORD } });
    expectRateLimited(right);
    expect(right.body.data ?? null).toBeNull();
  });

  it('counts every aliased login field: one request with N+1 aliases is refused whole', async () => {
    const refused = await post(app, { query: aliasedLogins(PER_EMAIL + 1, 'alias.target@levelsync.test') });
    expectRateLimited(refused);
    expect(refused.body.data ?? null).toBeNull();
  });

  it('counts logins hidden in fragments', async () => {
    const query = `mutation { ...Guesses } fragment Guesses on Mutation {
      ${Array.from({ length: PER_EMAIL + 1 }, (_, i) => `g${i}: login(email: "fragment.target@levelsync.test", password: "p${i}") { accessToken }`).join(' ')}
    }`;
    expectRateLimited(await post(app, { query }));
  });

  it('refuses batched requests with a code, so an array cannot carry extra attempts', async () => {
    const batch = Array.from({ length: 5 }, (_, i) => ({ query: LOGIN, variables: { e: 'batch.target@levelsync.test', p: `p${i}` } }));
    const answer = await post(app, batch);
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'BATCHING_NOT_SUPPORTED' });
  });

  it('caps one address across many emails at the per-IP budget', async () => {
    // Earlier tests in this block already spent part of the address's budget; spend the rest on fresh emails.
    let refused: Answer | undefined;
    for (let i = 0; i < PER_IP + 1 && !refused; i += 1) {
      const answer = await post(app, { query: LOGIN, variables: { e: `spray-${i}@levelsync.test`, p: 'password-spray-1' } });
      if (answer.status === 429) refused = answer;
      else expect(answer.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect(refused).toBeDefined();
    expectRateLimited(refused!);
  });
});

describe('when login is attempted over the WebSocket', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(isolated({ RATE_LIMIT_LOGIN_PER_MINUTE: '2' }));
  });
  afterAll(() => app.close());

  it('charges the same login budget', async () => {
    const ws = openWsSession(app.wsUrl);
    expect(await ws.init({ authorization: `Bearer ${await app.adminToken()}` })).toBe(true);
    const message = await ws.request('brute', aliasedLogins(3, 'ws.target@levelsync.test'));
    expect(message.type).toBe('error');
    expect((message.payload as Array<{ extensions?: unknown }>)[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    ws.close();
  });
});

describe('when a WebSocket user goes over the subscribe rate or connection cap', () => {
  let app: TestApp;
  let admin: string;
  beforeAll(async () => {
    app = await startTestApp(isolated({ WS_SUBSCRIBE_PER_MINUTE: '3', WS_MAX_CONNECTIONS_PER_USER: '2' }));
    admin = await app.adminToken();
  });
  afterAll(() => app.close());

  it('answers N operations on a connection and refuses the N+1st with RATE_LIMITED', async () => {
    const ws = openWsSession(app.wsUrl);
    expect(await ws.init({ authorization: `Bearer ${admin}` })).toBe(true);
    for (let i = 0; i < 3; i += 1) expect((await ws.request(`ok-${i}`, '{ __typename }')).type).toBe('next');
    const refused = await ws.request('over', '{ __typename }');
    expect(refused.type).toBe('error');
    expect((refused.payload as Array<{ extensions?: unknown }>)[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    ws.close();
    await ws.closed;
  });

  it('accepts N connections per user, closes the N+1st with 4429, and admits again after one closes', async () => {
    const first = openWsSession(app.wsUrl);
    const second = openWsSession(app.wsUrl);
    expect(await first.init({ authorization: `Bearer ${admin}` })).toBe(true);
    expect(await second.init({ authorization: `Bearer ${admin}` })).toBe(true);
    const third = openWsSession(app.wsUrl);
    expect(await third.init({ authorization: `Bearer ${admin}` })).toBe(false);
    expect((await third.closed).code).toBe(4429);
    first.close();
    await first.closed;
    const fourth = openWsSession(app.wsUrl);
    expect(await fourth.init({ authorization: `Bearer ${admin}` })).toBe(true);
    second.close();
    fourth.close();
  });
});

describe('rate-limit stores', () => {
  const logger = createLogger('silent', 'test');
  const config = (env: Record<string, string>) =>
    loadConfig({ NODE_ENV: 'test', RATE_LIMIT_PER_MINUTE: '3', ...isolated({}), ...env });
  const limitersFor = (env: Record<string, string>) => {
    const { http, process: store } = config(env);
    return createRateLimiters(http.rateLimits, store, logger);
  };

  it('counts in process when there is no REDIS_URL (the zero-install mode)', async () => {
    const limiters = limitersFor({});
    const verdicts = [];
    for (let i = 0; i < 4; i += 1) verdicts.push(await limiters.api.take('ip:203.0.113.9'));
    expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, false]);
    await limiters.close();
  });

  it('shares counters between replicas through Redis', async () => {
    const shared = isolated({ REDIS_URL: inject('redisUrl') });
    const a = limitersFor(shared);
    const b = limitersFor(shared);
    const verdicts = [await a.api.take('ip:203.0.113.7'), await b.api.take('ip:203.0.113.7'), await a.api.take('ip:203.0.113.7')];
    verdicts.push(await b.api.take('ip:203.0.113.7'));
    expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, false]);
    await Promise.all([a.close(), b.close()]);
  });

  it('falls back to in-process counting while Redis is unreachable', async () => {
    const limiters = limitersFor({ REDIS_URL: `redis://127.0.0.1:${await findFreePort()}` });
    const verdicts = [];
    for (let i = 0; i < 4; i += 1) verdicts.push(await limiters.api.take('ip:203.0.113.8'));
    expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, false]);
    await limiters.close();
  });
});
