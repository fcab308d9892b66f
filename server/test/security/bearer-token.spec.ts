import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerToken } from '../../src/graphql/common/bearer-token';
import { startTestApp, type TestApp } from '../support/test-app';
import { openWsSession } from '../support/ws-session';

describe('bearerToken', () => {
  it('takes the token of "Bearer <token>", around surrounding spaces', () => {
    expect(bearerToken('Bearer abc.DEF-123_x.y')).toBe('abc.DEF-123_x.y');
    expect(bearerToken('  Bearer abc.def.ghi \t')).toBe('abc.def.ghi');
  });

  it('refuses anything else: absent, another scheme, characters no JWT holds, a blob too long', () => {
    for (const value of [undefined, null, 42, '', 'Bearer', 'Bearer ', 'bearer abc', 'Basic abc', 'Bearer a b', 'Bearer abc!', 'Bearer <script>', `Bearer ${'a'.repeat(4097)}`]) {
      expect(bearerToken(value)).toBeNull();
    }
  });
});

/** HTTP (context, rate limit) and WebSocket (connection_init) read the header with the same parser. */
describe('a malformed Authorization value', () => {
  let app: TestApp;
  let admin: string;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.adminToken();
  });
  afterAll(() => app.close());

  it('is refused over HTTP as UNAUTHENTICATED with the expected form', async () => {
    const response = await fetch(app.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}!` },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(response.status).toBe(401);
    expect(body.errors[0]).toMatchObject({ message: 'The Authorization header must be "Bearer <token>".', extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('closes the WebSocket with 4401 before any verification, as HTTP refuses it', async () => {
    const session = openWsSession(app.wsUrl);
    expect(await session.init({ authorization: `Bearer ${admin}!` })).toBe(false);
    expect(await session.closed).toEqual({ code: 4401, reason: 'Unauthorized: send { authorization: "Bearer <token>" } in connection_init' });
  });

  it('is accepted on both transports once well formed (the control)', async () => {
    const http = await app.gql<{ me: { id: string } }>('{ me { id } }', {}, admin);
    expect(http.body.data?.me.id).toBeDefined();
    const session = openWsSession(app.wsUrl);
    expect(await session.init({ authorization: `Bearer ${admin}` })).toBe(true);
    session.close();
  });
});
