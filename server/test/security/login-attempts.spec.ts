import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loginAttempts } from '../../src/graphql/common/login-attempts';

const attempts = (source: string, variables?: Record<string, unknown>, operationName?: string) =>
  loginAttempts(parse(source), operationName, variables);

describe('loginAttempts', () => {
  it('finds one attempt per login field, normalising the email', () => {
    expect(attempts('mutation { login(email: " Admin@X.io ", password: "p") { accessToken } }')).toEqual(['admin@x.io']);
  });

  it('counts every alias', () => {
    expect(attempts('mutation { a: login(email: "a@x.io", password: "1") { accessToken } b: login(email: "a@x.io", password: "2") { accessToken } }')).toEqual([
      'a@x.io',
      'a@x.io',
    ]);
  });

  it('reads emails from variables, and counts unknown ones as ""', () => {
    expect(attempts('mutation ($e: String!) { login(email: $e, password: "p") { accessToken } }', { e: 'v@x.io' })).toEqual(['v@x.io']);
    expect(attempts('mutation ($e: String!) { login(email: $e, password: "p") { accessToken } }', { e: 42 })).toEqual(['']);
  });

  it('follows named and inline fragments', () => {
    const source = `mutation { ...F ... on Mutation { c: login(email: "c@x.io", password: "p") { accessToken } } }
      fragment F on Mutation { a: login(email: "a@x.io", password: "p") { accessToken } b: login(email: "b@x.io", password: "p") { accessToken } }`;
    expect(attempts(source)).toEqual(['a@x.io', 'b@x.io', 'c@x.io']);
  });

  it('counts only the operation that runs, and nothing in queries', () => {
    const source = `query Q { me { id } } mutation M { login(email: "m@x.io", password: "p") { accessToken } }`;
    expect(attempts(source, {}, 'Q')).toEqual([]);
    expect(attempts(source, {}, 'M')).toEqual(['m@x.io']);
  });

  it('terminates on self-referencing fragments (which validation refuses anyway)', () => {
    expect(attempts('mutation { ...F } fragment F on Mutation { ...F login(email: "f@x.io", password: "p") { accessToken } }')).toEqual([
      'f@x.io',
    ]);
  });
});
