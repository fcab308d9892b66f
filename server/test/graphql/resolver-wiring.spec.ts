import 'reflect-metadata';
import { execute, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/app-config';
import { TokenService } from '../../src/domain/auth/token.service';
import { createGraphQLContexts } from '../../src/graphql/context';
import { buildApiSchema } from '../../src/graphql/schema';
import { TEST_JWT_SECRET } from '../support/test-app';

describe('resolver wiring', () => {
  const tokens = new TokenService(loadConfig({ NODE_ENV: 'test', JWT_SECRET: TEST_JWT_SECRET }).domain.jwt);
  // The session check stands in for the users table: every verified token's session is alive.
  const sessions = { authenticate: async (token: string) => ({ ...(await tokens.verify(token)), mustChangePassword: false }) };
  const contexts = createGraphQLContexts({ sessions, users: { findMany: async () => [] } });

  it('builds (and prints) the schema without any resolver instance, and refuses to execute a field of it', async () => {
    const schema = await buildApiSchema();
    expect(schema.getMutationType()?.getFields().login).toBeDefined();
    const result = await execute({
      schema,
      document: parse('mutation { login(email: "a@b.c", password: "irrelevant-password") { accessToken } }'),
      contextValue: await contexts.create(undefined, 'test'),
    });
    expect(result.errors?.[0]?.message).toBe('AuthResolver has no instance: this schema was built without resolvers (printing only)');
  });

  it('gives an operation a context of the caller and its loaders, and no services', async () => {
    const { accessToken } = await tokens.issue({ id: 7, role: 'ADMIN' });
    const context = await contexts.create(`Bearer ${accessToken}`, 'req-1', '203.0.113.5');
    expect(Object.keys(context).sort()).toEqual(['authFailure', 'clientAddress', 'loaders', 'requestId', 'viewer']);
    expect(context).toMatchObject({ viewer: { id: 7, role: 'ADMIN' }, authFailure: null, requestId: 'req-1', clientAddress: '203.0.113.5' });
    const next = contexts.forNextUnit(context);
    expect(next.viewer).toBe(context.viewer);
    expect(next.loaders.user).not.toBe(context.loaders.user);
  });
});
