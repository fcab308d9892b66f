import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchOf } from '../../src/http/graphql-endpoint';
import { startTestApp, type TestApp } from '../support/test-app';

describe('searchOf', () => {
  it('is the query string of a request target, ? included, without a fragment', () => {
    expect(searchOf('/graphql')).toBe('');
    expect(searchOf('/graphql?query=%7B__typename%7D')).toBe('?query=%7B__typename%7D');
    expect(searchOf('/graphql?a=1&b=2#frag')).toBe('?a=1&b=2');
    expect(searchOf('/graphql?')).toBe('?');
  });
});

/** How /graphql hands a request to Apollo and its answer back (graphql-endpoint.ts's apolloHandler). */
describe('/graphql request and response mapping', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('runs a query sent by GET from its url-encoded parameters, with the preflight header csrfPrevention asks for', async () => {
    const token = await app.adminToken();
    const params = new URLSearchParams({ query: 'query Who { healthStatus { consistencyRate } }', operationName: 'Who' });
    const response = await fetch(`${app.graphqlUrl}?${params.toString()}`, {
      headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as { data?: { healthStatus: { consistencyRate: number | null } | null }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data).toHaveProperty('healthStatus');
  });

  it('answers a POST whose body is not JSON with 400 BAD_USER_INPUT, not a 500', async () => {
    const response = await fetch(app.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'apollo-require-preflight': 'true' },
      body: '{ __typename }',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0]!.message).toMatch(/POST body missing, invalid Content-Type/);
  });

  it('refuses a GET without the preflight header (CSRF) and a mutation by GET, changing nothing', async () => {
    const token = await app.adminToken();
    const plain = await fetch(`${app.graphqlUrl}?query=${encodeURIComponent('{ __typename }')}`, { headers: { authorization: `Bearer ${token}` } });
    expect(plain.status).toBe(400);
    const mutation = await fetch(`${app.graphqlUrl}?query=${encodeURIComponent('mutation { runHealthCheck { id } }')}`, {
      headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' },
    });
    expect(mutation.status).toBe(405);
    const [row] = await app.sql<{ n: number }>('select count(*)::int as n from check_runs');
    expect(row!.n).toBe(0);
  });
});
