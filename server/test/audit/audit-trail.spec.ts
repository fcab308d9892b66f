import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../src/domain/audit/audit-actions';
import { AuditRetentionService } from '../../src/domain/audit/audit-retention.service';
import { AuditRepository } from '../../src/domain/audit/audit.repository';
import { REDACTED, redactSecrets } from '../../src/domain/audit/redact';
import { withEntityManager } from '../../src/domain/database/entity-manager-scope';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createStudent, startTestApp, type GraphQLResponse, type TestApp } from '../support/test-app';
import { openWsSession } from '../support/ws-session';

const run = promisify(execFile);

interface AuditRow {
  id: number;
  action: string;
  actor_id: number | null;
  target_type: string | null;
  target_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  request_id: string | null;
  client_address: string | null;
}

describe('the audit trail', () => {
  let app: TestApp;
  let adminToken: string;
  let adminId: number;
  let requests = 0;

  /** A request with an x-request-id of its own, returned with the answer. */
  const call = async <T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, token?: string) => {
    requests += 1;
    const requestId = `audit-test-${requests}`;
    const response = await fetch(app.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { requestId, status: response.status, body: (await response.json()) as GraphQLResponse<T>['body'] };
  };
  const entriesOf = (requestId: string) => app.sql<AuditRow>('select * from audit_log where request_id = ? order by id', [requestId]);
  const psql = (statement: string) => run('psql', [app.databaseUrl, '-v', 'ON_ERROR_STOP=1', '-c', statement]);

  beforeAll(async () => {
    app = await startTestApp({}, { liveEvents: true });
    const login = await call<{ login: { accessToken: string; user: { id: string } } }>(
      'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken user { id } } }',
      { e: ADMIN_EMAIL, p: ADMIN_PASSWORD },
    );
    adminToken = login.body.data!.login.accessToken;
    adminId = Number(login.body.data!.login.user.id);
  });
  afterAll(() => app.close());

  it('records a sign-in with the user as actor, and a refused one with the email tried and no actor', async () => {
    const ok = await call('mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', { e: ADMIN_EMAIL, p: ADMIN_PASSWORD });
    expect(await entriesOf(ok.requestId)).toMatchObject([{ action: 'SIGN_IN', actor_id: adminId, target_type: 'User', target_id: String(adminId), client_address: '127.0.0.1' }]);
    const refused = await call('mutation { login(email: "Someone@Example.com", password: "guessed-password-1") { accessToken } }');
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await entriesOf(refused.requestId)).toMatchObject([{ action: 'SIGN_IN_FAILED', actor_id: null, after: { email: 'Someone@Example.com' } }]);
    // What jsonb cannot hold (a lone surrogate) is stored as U+FFFD rather than failing the sign-in's answer.
    const odd = await call('mutation ($e: String!) { login(email: $e, password: "x") { accessToken } }', { e: '\ud800odd' });
    expect(odd.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await entriesOf(odd.requestId)).toMatchObject([{ action: 'SIGN_IN_FAILED', after: { email: '\ufffdodd' } }]);
  });

  it('records each user change with the admin as actor, before and after, and never a password', async () => {
    const created = await call<{ createUser: { id: string } }>(
      'mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }',
      { input: { email: 'audited@levelsync.test', password: 'a-recorded-passphrase', fullName: 'Audited', role: 'VIEWER' } },
      adminToken,
    );
    expect(created.body.errors).toBeUndefined();
    const userId = created.body.data!.createUser.id;
    expect(await entriesOf(created.requestId)).toMatchObject([
      { action: 'USER_CREATED', actor_id: adminId, target_id: userId, after: { email: 'audited@levelsync.test', role: 'VIEWER', isActive: true } },
    ]);
    const renamed = await call('mutation ($id: ID!) { updateUser(id: $id, input: { fullName: "Renamed" }) { id } }', { id: userId }, adminToken);
    expect(await entriesOf(renamed.requestId)).toMatchObject([{ action: 'USER_UPDATED', actor_id: adminId, before: { fullName: 'Audited' }, after: { fullName: 'Renamed' } }]);
    const promoted = await call('mutation ($id: ID!) { updateUser(id: $id, input: { role: OPERATOR }) { id } }', { id: userId }, adminToken);
    expect(await entriesOf(promoted.requestId)).toMatchObject([{ action: 'ROLE_CHANGED', before: { role: 'VIEWER' }, after: { role: 'OPERATOR' } }]);
    const reset = await call<{ resetPassword: string }>('mutation ($id: ID!) { resetPassword(userId: $id) }', { id: userId }, adminToken);
    const oneTime = reset.body.data!.resetPassword;
    expect(await entriesOf(reset.requestId)).toMatchObject([{ action: 'PASSWORD_RESET', actor_id: adminId, target_id: userId }]);
    const invited = await call<{ inviteUser: { initialPassword: string } }>(
      'mutation { inviteUser(input: { email: "invited@levelsync.test", fullName: "Invited", role: VIEWER }) { initialPassword } }',
      {},
      adminToken,
    );
    expect(await entriesOf(invited.requestId)).toMatchObject([{ action: 'USER_CREATED', after: { mustChangePassword: true } }]);
    const everything = JSON.stringify(await app.sql('select * from audit_log'));
    for (const secret of ['a-recorded-passphrase', oneTime, invited.body.data!.inviteUser.initialPassword]) expect(everything).not.toContain(secret);
  });

  it('records a password change and a sign-out with the user as actor', async () => {
    const email = 'changer@levelsync.test';
    await call('mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }', { input: { email, password: 'first-long-passphrase', fullName: 'Changer', role: 'VIEWER' } }, adminToken);
    const login = await call<{ login: { accessToken: string; user: { id: string } } }>(
      'mutation ($e: String!) { login(email: $e, password: "first-long-passphrase") { accessToken user { id } } }',
      { e: email },
    );
    const { accessToken, user } = login.body.data!.login;
    const changed = await call('mutation { changePassword(currentPassword: "first-long-passphrase", newPassword: "second-long-passphrase") }', {}, accessToken);
    expect(changed.body).toEqual({ data: { changePassword: true } });
    expect(await entriesOf(changed.requestId)).toMatchObject([{ action: 'PASSWORD_CHANGED', actor_id: Number(user.id), target_id: user.id }]);
    expect(JSON.stringify(await entriesOf(changed.requestId))).not.toContain('second-long-passphrase');
    const out = await call('mutation { signOut }', {}, accessToken);
    expect(await entriesOf(out.requestId)).toMatchObject([{ action: 'SIGN_OUT', actor_id: Number(user.id) }]);
  });

  it('records a specialization assigned and a license resynced, in the transaction of the change', async () => {
    const student = await app.createUser('STUDENT');
    const assigned = await call('mutation ($id: ID!) { assignSpecialization(studentId: $id, specialization: PLAYER) { id } }', { id: String(student.id) }, adminToken);
    expect(await entriesOf(assigned.requestId)).toMatchObject([{ action: 'SPECIALIZATION_ASSIGNED', actor_id: adminId, target_type: 'Pair', target_id: `${student.id}:PLAYER` }]);
    await app.sql(`update licenses set current_level = 3, max_achieved_level = 3 where user_id = ?`, [student.id]);
    const operator = await app.createUser('OPERATOR');
    const resynced = await call('mutation ($id: ID!) { resyncLicense(studentId: $id, specialization: PLAYER) { id } }', { id: String(student.id) }, operator.token);
    expect(resynced.body.errors).toBeUndefined();
    const [entry] = await entriesOf(resynced.requestId);
    expect(entry).toMatchObject({ action: 'LICENSE_RESYNCED', actor_id: operator.id, target_id: `${student.id}:PLAYER` });
    expect(entry!.after).toMatchObject({ repairAction: 'LICENSE_LEVEL_SYNCED' });
    // Nothing to repair: no repair, and no entry.
    const again = await call('mutation ($id: ID!) { resyncLicense(studentId: $id, specialization: PLAYER) { id } }', { id: String(student.id) }, operator.token);
    expect(again.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await entriesOf(again.requestId)).toEqual([]);
  });

  it('is refused UPDATE, DELETE and TRUNCATE by PostgreSQL itself (psql)', async () => {
    const [before] = await app.sql<{ n: string }>('select count(*) as n from audit_log');
    await expect(psql(`update audit_log set action = 'FORGED'`)).rejects.toMatchObject({ stderr: expect.stringContaining('append-only') });
    await expect(psql('delete from audit_log')).rejects.toMatchObject({ stderr: expect.stringContaining('append-only') });
    await expect(psql('truncate audit_log')).rejects.toMatchObject({ stderr: expect.stringContaining('append-only') });
    // The retention's flag does not open recent rows: a cutoff must be at least a day old, and rows older than it.
    await expect(psql(`begin; select set_config('levelsync.audit_retention_cutoff', now()::text, true); delete from audit_log; commit;`)).rejects.toMatchObject({
      stderr: expect.stringContaining('append-only'),
    });
    const [after] = await app.sql<{ n: string }>('select count(*) as n from audit_log');
    expect(after!.n).toBe(before!.n);
    expect(await app.sql(`select 1 from audit_log where action = 'FORGED'`)).toEqual([]);
  });

  it('lets the retention job delete entries past AUDIT_RETENTION_DAYS only, and audits that it did', async () => {
    await app.sql(`insert into audit_log (action, at) select 'SIGN_IN', now() - interval '400 days' from generate_series(1, 3)`);
    await app.sql(`insert into audit_log (action, at) values ('SIGN_IN', now() - interval '300 days')`);
    const [{ n: kept }] = (await app.sql<{ n: string }>(`select count(*) as n from audit_log where at >= now() - interval '365 days'`)) as [{ n: string }];
    const retention = new AuditRetentionService(app.services.audit, new AuditRepository(app.orm), 365);
    expect(await withEntityManager(app.orm, () => retention.purgeExpired())).toBe(3);
    expect(await app.sql(`select 1 from audit_log where at < now() - interval '365 days'`)).toEqual([]);
    const [purge] = await app.sql<AuditRow>(`select * from audit_log where action = 'AUDIT_RETENTION_PURGED'`);
    expect(purge).toMatchObject({ actor_id: null, target_type: 'AuditLog', after: { deleted: 3, retentionDays: 365 } });
    const [{ n: now }] = (await app.sql<{ n: string }>(`select count(*) as n from audit_log where action <> 'AUDIT_RETENTION_PURGED'`)) as [{ n: string }];
    expect(Number(now)).toBe(Number(kept));
    expect(await withEntityManager(app.orm, () => retention.purgeExpired())).toBe(0);
  });

  it('pages auditLog for admins with its filters, and pushes new entries live', async () => {
    const signIns = await call<{ auditLog: { totalCount: number; edges: Array<{ node: { action: string; actor: { id: string } | null; requestId: string } }> } }>(
      `query ($actor: ID!) { auditLog(first: 2, filter: { action: "SIGN_IN", actorId: $actor, targetType: "User" }) {
         totalCount edges { node { action actor { id } requestId at before after clientAddress targetId } } } }`,
      { actor: String(adminId) },
      adminToken,
    );
    expect(signIns.body.errors?.map((e) => e.message)).toBeUndefined();
    expect(signIns.body.data!.auditLog.totalCount).toBeGreaterThanOrEqual(2);
    expect(signIns.body.data!.auditLog.edges).toHaveLength(2);
    expect(signIns.body.data!.auditLog.edges.every((e) => e.node.action === 'SIGN_IN' && e.node.actor?.id === String(adminId))).toBe(true);
    const none = await call<{ auditLog: { totalCount: number } }>(
      'query ($since: DateTimeISO!) { auditLog(filter: { since: $since }) { totalCount } }',
      { since: new Date(Date.now() + 3_600_000).toISOString() },
      adminToken,
    );
    expect(none.body.data!.auditLog.totalCount).toBe(0);
    const session = openWsSession(app.wsUrl);
    expect(await session.init({ authorization: `Bearer ${adminToken}` })).toBe(true);
    const live = session.request('live', 'subscription { auditLogAppended { action actor { id } requestId after } }');
    let pushed: Awaited<typeof live> | undefined;
    void live.then((m) => (pushed = m));
    // The subscription goes live asynchronously: act until an entry arrives.
    let lastRequest = '';
    for (let i = 0; !pushed; i += 1) {
      lastRequest = (await call('mutation { login(email: "late@levelsync.test", password: "guessed-password-2") { accessToken } }')).requestId;
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (i > 100) throw new Error('no audit entry was pushed');
    }
    expect(pushed!.payload).toMatchObject({ data: { auditLogAppended: { action: AUDIT_ACTIONS.SIGN_IN_FAILED, actor: null } } });
    expect(((pushed!.payload as { data: { auditLogAppended: { requestId: string } } }).data.auditLogAppended.requestId)).toMatch(/^audit-test-/);
    expect(lastRequest).toMatch(/^audit-test-/);
    session.close();
  });

  it('pages auditLog with cursors and refuses a bad filter naming its field', async () => {
    type Page = { auditLog: { pageInfo: { endCursor: string; hasNextPage: boolean }; edges: Array<{ node: { id: string } }> } };
    const first = await call<Page>('{ auditLog(first: 3) { pageInfo { endCursor hasNextPage } edges { node { id } } } }', {}, adminToken);
    const ids = first.body.data!.auditLog.edges.map((e) => Number(e.node.id));
    expect(ids).toEqual([...ids].sort((x, y) => y - x));
    expect(first.body.data!.auditLog.pageInfo.hasNextPage).toBe(true);
    const second = await call<Page>('query ($after: String) { auditLog(first: 3, after: $after) { pageInfo { endCursor hasNextPage } edges { node { id } } } }', { after: first.body.data!.auditLog.pageInfo.endCursor }, adminToken);
    expect(Math.max(...second.body.data!.auditLog.edges.map((e) => Number(e.node.id)))).toBeLessThan(Math.min(...ids));
    const backwards = await call('{ auditLog(filter: { since: "2026-12-02T00:00:00Z", until: "2026-12-01T00:00:00Z" }) { totalCount } }', {}, adminToken);
    expect(backwards.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.since' });
    const notAnId = await call('{ auditLog(filter: { actorId: "abc" }) { totalCount } }', {}, adminToken);
    expect(notAnId.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.actorId' });
    for (const field of ['action', 'targetType'] as const) {
      const nul = await call(`query ($v: String) { auditLog(filter: { ${field}: $v }) { totalCount } }`, { v: 'USER\u0000' }, adminToken);
      expect(nul.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(nul.body.errors?.[0]?.message).toContain(`filter.${field} must hold printable characters only`);
    }
    const tooMany = await call('{ auditLog(first: 101) { totalCount } }', {}, adminToken);
    expect(tooMany.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('keeps auditLog from anyone but admins', async () => {
    const operator = await app.createUser('OPERATOR');
    const { body } = await call('{ auditLog { totalCount } }', {}, operator.token);
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await createStudent(app);
  });
});

describe('redactSecrets', () => {
  it('replaces secret-looking values at any depth and keeps flags and everything else', () => {
    expect(
      redactSecrets({ email: 'a@b.c', password: 'hunter2-long', channel: { config: { signingSecret: 's', url: 'http://x' } }, list: [{ apiKey: 'k' }], mustChangePassword: true }),
    ).toEqual({ email: 'a@b.c', password: REDACTED, channel: { config: { signingSecret: REDACTED, url: 'http://x' } }, list: [{ apiKey: REDACTED }], mustChangePassword: true });
  });
});
