import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobsEnvironment, startApiProcess, type ChildNode, type JobsEnvironment } from '../support/job-processes';
import { connectSql, type Sql } from '../support/sql-fixtures';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/test-app';
import { openWsSession } from '../support/ws-session';

const LOGIN = 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken user { id } } }';

/**
 * Two API replicas on one PostgreSQL and one Redis. Each trusts its read of a user's session for
 * SESSION_CHECK_SECONDS, set far beyond the test here: what ends the sessions on the second replica
 * is USER_SESSIONS_REVOKED, not a cache running out.
 */
describe('revoking a session on two API replicas', () => {
  let jobs: JobsEnvironment;
  let sql: Sql;
  let closeSql: () => Promise<void>;
  const processes: ChildNode[] = [];
  let a: ChildNode & { port: number };
  let b: ChildNode & { port: number };

  const gql = async <T = Record<string, unknown>>(api: { port: number }, query: string, variables: Record<string, unknown> = {}, token?: string, requestId?: string) => {
    const response = await fetch(`http://127.0.0.1:${api.port}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(requestId ? { 'x-request-id': requestId } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as { data?: T | null; errors?: Array<{ extensions?: Record<string, unknown> }> } };
  };
  const signIn = async (api: { port: number }, email: string, password: string) =>
    (await gql<{ login: { accessToken: string; user: { id: string } } }>(api, LOGIN, { e: email, p: password })).body.data!.login;

  beforeAll(async () => {
    jobs = await createJobsEnvironment();
    ({ sql, close: closeSql } = await connectSql(jobs.databaseUrl));
    const env = { ADMIN_EMAIL, ADMIN_PASSWORD, SESSION_CHECK_SECONDS: '300', RATE_LIMIT_LOGIN_PER_MINUTE: '1000', RATE_LIMIT_LOGIN_IP_PER_MINUTE: '1000' };
    [a, b] = await Promise.all([startApiProcess(jobs, env, 'api-a'), startApiProcess(jobs, env, 'api-b')]);
    processes.push(a, b);
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await closeSql?.();
  });

  it('refuses a deactivated user’s token and closes their WebSocket on the other replica within 5 s', async () => {
    const admin = await signIn(a, ADMIN_EMAIL, ADMIN_PASSWORD);
    const created = await gql<{ createUser: { id: string } }>(
      a,
      'mutation { createUser(input: { email: "replicated@levelsync.test", password: "a-second-replica-passphrase", fullName: "Replicated", role: VIEWER }) { id } }',
      {},
      admin.accessToken,
    );
    const userId = created.body.data!.createUser.id;
    const user = await signIn(b, 'replicated@levelsync.test', 'a-second-replica-passphrase');
    // Replica b has now read (and caches, for 300 s) the user's session.
    expect((await gql(b, '{ me { id } healthStatus { state } }', {}, user.accessToken)).body.errors).toBeUndefined();
    const socket = openWsSession(`ws://127.0.0.1:${b.port}/graphql`);
    expect(await socket.init({ authorization: `Bearer ${user.accessToken}` })).toBe(true);
    expect((await socket.request('health', 'subscription { healthStatusChanged { state } }')).type).toBe('next');

    const deactivated = await gql(a, 'mutation ($id: ID!) { updateUser(id: $id, input: { isActive: false }) { isActive } }', { id: userId }, admin.accessToken);
    expect(deactivated.body.data).toEqual({ updateUser: { isActive: false } });
    const closed = await Promise.race([socket.closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), 5_000))]);
    expect(closed?.code).toBe(4401);
    const refused = await gql(b, '{ me { id } }', {}, user.accessToken);
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // A new connection with the old token is refused too.
    const again = openWsSession(`ws://127.0.0.1:${b.port}/graphql`);
    expect(await again.init({ authorization: `Bearer ${user.accessToken}` })).toBe(false);
    expect((await again.closed).code).toBe(4401);
  });

  it('audits a check requested on one replica with its actor and request id', async () => {
    const admin = await signIn(a, ADMIN_EMAIL, ADMIN_PASSWORD);
    await gql(a, 'mutation { createUser(input: { email: "operator@levelsync.test", password: "checks-on-demand-passphrase", fullName: "Op", role: OPERATOR }) { id } }', {}, admin.accessToken);
    const operator = await signIn(b, 'operator@levelsync.test', 'checks-on-demand-passphrase');
    const check = await gql<{ runHealthCheck: { id: string } }>(b, 'mutation { runHealthCheck { id state } }', {}, operator.accessToken, 'check-from-b');
    expect(check.body.errors).toBeUndefined();
    const sync = await gql<{ runAutoSync: { id: string } }>(b, 'mutation { runAutoSync { id state } }', {}, operator.accessToken, 'sync-from-b');
    expect(sync.body.errors).toBeUndefined();
    const rows = await sql<{ action: string; actor_id: number; target_id: string; request_id: string }>(
      `select action, actor_id, target_id, request_id from audit_log where request_id in ('check-from-b', 'sync-from-b') order by id`,
    );
    expect(rows).toEqual([
      { action: 'CHECK_REQUESTED', actor_id: Number(operator.user.id), target_id: check.body.data!.runHealthCheck.id, request_id: 'check-from-b' },
      { action: 'AUTO_SYNC_REQUESTED', actor_id: Number(operator.user.id), target_id: sync.body.data!.runAutoSync.id, request_id: 'sync-from-b' },
    ]);
  });
});
