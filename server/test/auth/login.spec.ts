import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/test-app';

const LOGIN = `mutation ($email: String!, $password: String!) {
  login(email: $email, password: $password) { accessToken expiresAt user { id email role } }
}`;

describe('login', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('issues a token the API accepts for the bootstrapped admin', async () => {
    const { body } = await app.gql<{ login: { accessToken: string; user: { role: string } } }>(LOGIN, {
      email: ADMIN_EMAIL.toUpperCase(),
      password: ADMIN_PASSWORD,
    });
    expect(body.errors).toBeUndefined();
    expect(body.data?.login.user.role).toBe('ADMIN');
    const me = await app.gql<{ me: { email: string } }>('{ me { email } }', {}, body.data!.login.accessToken);
    expect(me.body.data?.me.email).toBe(ADMIN_EMAIL);
  });

  it('gives the same error for an unknown email and a wrong password: a field error of login (200, no data), not a 401', async () => {
    const unknown = await app.gql(LOGIN, { email: 'nobody@levelsync.test', password: ADMIN_PASSWORD });
    const wrong = await app.gql(LOGIN, { email: ADMIN_EMAIL, password: 'not-the-password-at-all' });
    // GraphQL over HTTP: an execution error is a 200; a 401 would also print a red console line in the browser on every failed sign-in.
    expect(unknown.status).toBe(200);
    expect(wrong.status).toBe(200);
    expect(wrong.body.data ?? null).toBeNull();
    expect(unknown.body.errors?.[0]).toEqual(wrong.body.errors?.[0]);
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
