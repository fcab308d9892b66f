import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app';
import { openWsSession } from '../support/ws-session';

const ALLOWED = 'https://dashboard.example.test';
const EVIL = 'https://evil.example.test';

async function postFrom(app: TestApp, origin: string | undefined, query = '{ __typename }') {
  return fetch(app.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}) },
    body: JSON.stringify({ query }),
  });
}

describe('origins', () => {
  let app: TestApp;
  let admin: string;
  let sameOrigin: string;
  beforeAll(async () => {
    app = await startTestApp({ CORS_ORIGINS: `${ALLOWED}, https://other.example.test` });
    admin = await app.adminToken();
    sameOrigin = app.httpUrl;
  });
  afterAll(() => app.close());

  describe('when a browser on another origin calls over HTTP', () => {
    it('refuses it with 403, FORBIDDEN and ORIGIN_NOT_ALLOWED, without CORS headers', async () => {
      for (const origin of [EVIL, 'null', 'http://127.0.0.1.evil.example.test', `${ALLOWED}.evil.example.test`]) {
        const response = await postFrom(app, origin);
        expect({ origin, status: response.status }).toEqual({ origin, status: 403 });
        expect(response.headers.get('access-control-allow-origin')).toBeNull();
        const body = (await response.json()) as { data?: unknown; errors: Array<{ extensions: unknown }> };
        expect(body.data).toBeUndefined();
        expect(body.errors[0]?.extensions).toEqual({ code: 'FORBIDDEN', reason: 'ORIGIN_NOT_ALLOWED' });
      }
    });

    it('refuses its CORS preflight', async () => {
      const response = await fetch(app.graphqlUrl, {
        method: 'OPTIONS',
        headers: { origin: EVIL, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      expect(response.status).toBe(403);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('when the caller is allowlisted, same-origin or not a browser', () => {
    it('answers an allowlisted origin with its CORS headers, preflight included', async () => {
      const preflight = await fetch(app.graphqlUrl, {
        method: 'OPTIONS',
        headers: { origin: ALLOWED, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(ALLOWED);
      expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
      const response = await postFrom(app, ALLOWED);
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    });

    it('answers its own origin and callers that send no Origin', async () => {
      expect((await postFrom(app, sameOrigin)).status).toBe(200);
      expect((await postFrom(app, undefined)).status).toBe(200);
    });
  });

  describe('when a WebSocket upgrade comes from another origin', () => {
    it('refuses the upgrade with 403 before any GraphQL message', async () => {
      const ws = openWsSession(app.wsUrl, { origin: EVIL });
      expect(await ws.refused).toBe(403);
      expect(await ws.init({ authorization: `Bearer ${admin}` })).toBe(false);
    });

    it('accepts allowlisted, same-origin and Origin-less clients', async () => {
      for (const origin of [ALLOWED, sameOrigin, undefined]) {
        const ws = openWsSession(app.wsUrl, origin ? { origin } : {});
        expect({ origin, acknowledged: await ws.init({ authorization: `Bearer ${admin}` }) }).toEqual({ origin, acknowledged: true });
        ws.close();
      }
    });
  });

  describe('cross-site request forgery', () => {
    it('refuses a GET query and a text/plain POST that a form or <img> could send', async () => {
      const get = await fetch(`${app.graphqlUrl}?query=${encodeURIComponent('{ __typename }')}`);
      expect(get.status).toBe(400);
      const plain = await fetch(app.graphqlUrl, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ __typename }"}' });
      expect(plain.status).toBe(400);
    });
  });

  describe('security headers', () => {
    it('sends a CSP the dashboard runs under, and helmet’s other headers', async () => {
      const response = await fetch(`${app.httpUrl}/healthz`);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("connect-src 'self' ws: wss:");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'self'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-powered-by')).toBeNull();
    });
  });

  describe('outside production', () => {
    it('still suggests field names (the control for the production test)', async () => {
      const response = await postFrom(app, undefined, '{ mee { id } }');
      const body = (await response.json()) as { errors: Array<{ message: string }> };
      expect(body.errors[0]?.message).toContain('Did you mean');
    });
  });
});

describe('in production', () => {
  let app: TestApp;
  let admin: string;
  beforeAll(async () => {
    app = await startTestApp({ NODE_ENV: 'production' });
    admin = await app.adminToken();
  });
  afterAll(() => app.close());

  it('refuses introspection over HTTP and WebSocket', async () => {
    const ws = openWsSession(app.wsUrl);
    expect(await ws.init({ authorization: `Bearer ${admin}` })).toBe(true);
    for (const query of ['{ __schema { types { name } } }', '{ __type(name: "User") { fields { name } } }']) {
      const { status, body } = await app.gql(query, {}, admin);
      expect({ query, status, data: body.data ?? null }).toEqual({ query, status: 400, data: null });
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const message = await ws.request(query, query);
      expect({ query, type: message.type }).toEqual({ query, type: 'error' });
      expect((message.payload as Array<{ extensions?: unknown }>)[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    }
    ws.close();
  });

  it('gives no "Did you mean" suggestions over HTTP or WebSocket', async () => {
    const probes: Array<[string, Record<string, unknown>]> = [
      ['{ mee { id } }', {}],
      ['{ me { emial } }', {}],
      ['{ studentProgres(studentId: "1") { id } }', {}],
      [
        'mutation ($s: Specialization!) { assignSpecialization(studentId: "1", specialization: $s) { id } }',
        { s: 'PLAYERR' },
      ],
      ['mutation { assignSpecialization(studentId: "1", specialization: PLAYERR) { id } }', {}],
    ];
    const ws = openWsSession(app.wsUrl);
    expect(await ws.init({ authorization: `Bearer ${admin}` })).toBe(true);
    for (const [index, [query, variables]] of probes.entries()) {
      const { body } = await app.gql(query, variables, admin);
      expect(body.errors?.length).toBeGreaterThan(0);
      const message = await ws.request(`probe-${index}`, query, variables);
      // Parse and validation errors come as an `error` message; variable coercion errors inside `next`.
      const wsErrors = (Array.isArray(message.payload) ? message.payload : (message.payload as { errors: unknown[] }).errors) as Array<{
        message: string;
      }>;
      expect(wsErrors.length).toBeGreaterThan(0);
      for (const text of [...(body.errors ?? []).map((e) => e.message), ...wsErrors.map((e) => e.message)]) {
        expect(text).not.toMatch(/did you mean/i);
      }
    }
    ws.close();
  });

  it('serves no landing page on GET /graphql', async () => {
    const response = await fetch(app.graphqlUrl, { headers: { accept: 'text/html', 'apollo-require-preflight': 'true' } });
    expect(response.headers.get('content-type')).not.toContain('text/html');
    expect(await response.text()).not.toMatch(/<html|sandbox/i);
  });
});
