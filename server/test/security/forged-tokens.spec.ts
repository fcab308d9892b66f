import { createHmac } from 'node:crypto';
import { generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app';
import { openWsSession } from '../support/ws-session';

const ME = '{ me { id } }';
const KEY = new TextEncoder().encode(TEST_JWT_SECRET);
const ISSUER = 'levelsync';
const AUDIENCE = 'levelsync-api';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

/** Signs any header and claims with HMAC-SHA256 over the real secret, whatever `alg` the header claims. */
function hmacToken(header: Record<string, unknown>, claims: Record<string, unknown>, secret = TEST_JWT_SECRET): string {
  const body = `${b64(header)}.${b64(claims)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

describe('forged and malformed tokens', () => {
  let app: TestApp;
  let userId: number;
  let valid: string;
  /** Kind → the whole Authorization header value. */
  let forgeries: Array<[string, string]>;

  const claims = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    sub: String(userId),
    role: 'STUDENT',
    iss: ISSUER,
    aud: AUDIENCE,
    iat: now(),
    exp: now() + 600,
    ...overrides,
  });
  const without = (name: string) => {
    const c = claims();
    delete c[name];
    return c;
  };
  const sign = (payload: JWTPayload, alg = 'HS256', key: Parameters<SignJWT['sign']>[0] = KEY) =>
    new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT' }).sign(key);

  beforeAll(async () => {
    app = await startTestApp();
    const student = await app.createUser('STUDENT');
    userId = student.id;
    valid = student.token;
    const [header, payload, signature] = valid.split('.') as [string, string, string];
    const rsa = await generateKeyPair('RS256');
    const tamperedPayload = b64({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'ADMIN' });
    forgeries = [
      ['alg none, no signature', `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims({ role: 'ADMIN' }))}.`],
      ['signed with another key', `Bearer ${await sign(claims(), 'HS256', new TextEncoder().encode('x'.repeat(48)))}`],
      ['HS512 with the right key', `Bearer ${await sign(claims(), 'HS512')}`],
      ['RS256 with an attacker key', `Bearer ${await sign(claims(), 'RS256', rsa.privateKey)}`],
      ['RS256 header over an HMAC signature', `Bearer ${hmacToken({ alg: 'RS256', typ: 'JWT' }, claims())}`],
      ['expired beyond the clock tolerance', `Bearer ${hmacToken({ alg: 'HS256' }, claims({ iat: now() - 7200, exp: now() - 60 }))}`],
      ['not yet valid (nbf in the future)', `Bearer ${hmacToken({ alg: 'HS256' }, claims({ nbf: now() + 3600 }))}`],
      ['tampered payload (role raised to ADMIN)', `Bearer ${header}.${tamperedPayload}.${signature}`],
      ['wrong audience', `Bearer ${hmacToken({ alg: 'HS256' }, claims({ aud: 'another-api' }))}`],
      ['wrong issuer', `Bearer ${hmacToken({ alg: 'HS256' }, claims({ iss: 'someone-else' }))}`],
      ['missing exp', `Bearer ${hmacToken({ alg: 'HS256' }, without('exp'))}`],
      ['missing iat', `Bearer ${hmacToken({ alg: 'HS256' }, without('iat'))}`],
      ['missing sub', `Bearer ${hmacToken({ alg: 'HS256' }, without('sub'))}`],
      ['non-numeric sub', `Bearer ${hmacToken({ alg: 'HS256' }, claims({ sub: 'admin' }))}`],
      ['sub zero', `Bearer ${hmacToken({ alg: 'HS256' }, claims({ sub: '0' }))}`],
      ['unknown role', `Bearer ${hmacToken({ alg: 'HS256' }, claims({ role: 'ROOT' }))}`],
      ['exp as a string', `Bearer ${hmacToken({ alg: 'HS256' }, claims({ exp: String(now() + 600) }))}`],
      ['garbage', 'Bearer not-a-token-at-all'],
      ['three garbage segments', 'Bearer a.b.c'],
      ['empty bearer', 'Bearer '],
      ['extra spaces inside the header', `Bearer   ${valid}`],
      ['Basic scheme', `Basic ${Buffer.from('admin@levelsync.test:password').toString('base64')}`],
      ['token without a scheme', valid],
      ['Token scheme', `Token ${valid}`],
      ['over-long token', `Bearer ${valid}${'A'.repeat(5000)}`],
    ];
  });
  afterAll(() => app.close());

  it('accepts the genuine token (the control)', async () => {
    const { status, body } = await app.gql<{ me: { id: string } }>(ME, {}, valid);
    expect(status).toBe(200);
    expect(body.data?.me.id).toBe(String(userId));
  });

  it('refuses every forged kind over HTTP with 401 UNAUTHENTICATED, never a 5xx', async () => {
    const outcomes: Array<{ kind: string; status: number; code: unknown }> = [];
    for (const [kind, authorization] of forgeries) {
      const response = await fetch(app.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ query: ME }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string }; message: string }> };
      outcomes.push({ kind, status: response.status, code: body.errors?.[0]?.extensions?.code });
      expect(body.data ?? null).toBeNull();
      expect(JSON.stringify(body)).not.toMatch(/\s+at\s+\S+:\d+:\d+|stacktrace/);
    }
    console.info(`forged tokens: ${outcomes.length} kinds, ${outcomes.filter((o) => o.status === 401).length} refused with 401`);
    expect(outcomes.filter((o) => o.status >= 500)).toEqual([]);
    expect(outcomes.filter((o) => o.status !== 401 || o.code !== 'UNAUTHENTICATED')).toEqual([]);
    expect(outcomes.length).toBeGreaterThanOrEqual(12);
  });

  it('refuses every forged kind in the WebSocket connection_init with 4401', async () => {
    const codes: Array<{ kind: string; code: number }> = [];
    for (const [kind, authorization] of forgeries) {
      const ws = openWsSession(app.wsUrl);
      expect(await ws.init({ authorization })).toBe(false);
      codes.push({ kind, code: (await ws.closed).code });
    }
    expect(codes.filter((c) => c.code !== 4401)).toEqual([]);
  });
});

describe('when a WebSocket token expires', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ JWT_TTL_MINUTES: '1' });
  });
  afterAll(() => app.close());

  it('closes the open connection with 4401', async () => {
    const admin = await app.sql<{ id: number }>(`select id from users where role = 'ADMIN' limit 1`);
    // Issued 58 s ago with a 60 s lifetime: it expires about two seconds after the connection opens.
    const { accessToken, expiresAt } = await app.services.tokens.issue({ id: admin[0]!.id, role: 'ADMIN' }, new Date(Date.now() - 58_000));
    const ws = openWsSession(app.wsUrl);
    expect(await ws.init({ authorization: `Bearer ${accessToken}` })).toBe(true);
    expect((await ws.request('before-expiry', '{ me { id } }')).type).toBe('next');
    const closed = await ws.closed;
    expect(closed).toEqual({ code: 4401, reason: 'Unauthorized: token expired' });
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt.getTime());
  });
});
