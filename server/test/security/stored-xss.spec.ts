import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app';

const CREATE = 'mutation ($input: CreateUserInput!) { createUser(input: $input) { id fullName email } }';
const HOSTILE_NAMES = [
  '<script>alert("xss")</script>',
  '"><img src=x onerror=alert(1)>',
  "Robert'); DROP TABLE users;--",
  '{{constructor.constructor("alert(1)")()}}',
  '<svg/onload=alert(1)> & &amp; &lt;',
  'javascript:alert(1)',
];

/** The API stores hostile text as data and returns it unchanged as JSON; escaping is the renderer's job (web E2E). */
describe('when hostile text is saved through the API', () => {
  let app: TestApp;
  let admin: string;
  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.adminToken();
  });
  afterAll(() => app.close());

  it('returns it byte for byte, as JSON, on write and on read', async () => {
    for (const [index, fullName] of HOSTILE_NAMES.entries()) {
      const input = { email: `hostile-${index}@levelsync.test`, password: 'a-long-unusual-passphrase', fullName, role: 'STUDENT' };
      const created = await app.gql<{ createUser: { id: string; fullName: string } }>(CREATE, { input }, admin);
      expect(created.body.errors).toBeUndefined();
      expect(created.body.data?.createUser.fullName).toBe(fullName);
      const login = await app.gql<{ login: { accessToken: string } }>(
        'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
        { e: input.email, p: input.password },
      );
      const response = await fetch(app.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${login.body.data!.login.accessToken}` },
        body: JSON.stringify({ query: '{ me { fullName } }' }),
      });
      expect(response.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      const body = (await response.json()) as { data: { me: { fullName: string } } };
      expect(body.data.me.fullName).toBe(fullName);
      const [row] = await app.sql<{ full_name: string }>('select full_name from users where email = ?', [input.email]);
      expect(row!.full_name).toBe(fullName);
    }
  });
});
