import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/test-app';
import { openWsSession } from '../support/ws-session';

const LOGIN = 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken user { id role mustChangePassword } } }';
const UPDATE = 'mutation ($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { id role isActive fullName } }';

describe('user management', () => {
  let app: TestApp;
  let admin: { id: number; token: string };
  let n = 0;

  const login = async (email: string, password: string) => {
    const { body } = await app.gql<{ login: { accessToken: string; user: { id: string; role: string; mustChangePassword: boolean } } }>(LOGIN, { e: email, p: password });
    return body.data?.login ?? null;
  };
  /** A user made through the API with a password of its own, signed in. */
  const signedInUser = async (role: string) => {
    n += 1;
    const email = `managed-${n}@levelsync.test`;
    const password = `a-long-passphrase-number-${n}`;
    const { body } = await app.gql<{ createUser: { id: string } }>(
      'mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }',
      { input: { email, password, fullName: `Managed ${n}`, role } },
      admin.token,
    );
    const session = await login(email, password);
    return { id: body.data!.createUser.id, email, password, token: session!.accessToken };
  };

  beforeAll(async () => {
    app = await startTestApp({}, { liveEvents: true });
    const session = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
    admin = { id: Number(session!.user.id), token: session!.accessToken };
  });
  afterAll(() => app.close());

  it('lists users newest first, pages them, and searches by email or name', async () => {
    const a = await signedInUser('VIEWER');
    const b = await signedInUser('OPERATOR');
    const { body } = await app.gql<{ users: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: Array<{ node: { id: string } }> } }>(
      '{ users(first: 1) { totalCount pageInfo { hasNextPage endCursor } edges { node { id email role isActive mustChangePassword createdAt } } } }',
      {},
      admin.token,
    );
    expect(body.data!.users.edges.map((e) => e.node.id)).toEqual([b.id]);
    expect(body.data!.users.pageInfo.hasNextPage).toBe(true);
    const next = await app.gql<{ users: { edges: Array<{ node: { id: string } }> } }>(
      'query ($after: String) { users(first: 1, after: $after) { edges { node { id } } } }',
      { after: body.data!.users.pageInfo.endCursor },
      admin.token,
    );
    expect(next.body.data!.users.edges.map((e) => e.node.id)).toEqual([a.id]);
    const found = await app.gql<{ users: { totalCount: number; edges: Array<{ node: { email: string } }> } }>(
      'query ($s: String) { users(search: $s) { totalCount edges { node { email } } } }',
      { s: a.email.toUpperCase() },
      admin.token,
    );
    expect(found.body.data!.users).toEqual({ totalCount: 1, edges: [{ node: { email: a.email } }] });
    const literal = await app.gql<{ users: { totalCount: number } }>('{ users(search: "%") { totalCount } }', {}, admin.token);
    expect(literal.body.data!.users.totalCount).toBe(0);
  });

  it('refuses a search PostgreSQL could not take (NUL, control characters) or too long, with the field named', async () => {
    const SEARCH = 'query ($s: String) { users(search: $s) { totalCount } }';
    for (const [s, message] of [
      ['\u0000', 'search must hold printable characters only'],
      ['ann\u0007', 'search must hold printable characters only'],
      ['x'.repeat(201), 'search must be at most 200 characters'],
    ] as const) {
      const { status, body } = await app.gql(SEARCH, { s }, admin.token);
      expect(status).toBe(200);
      expect(body.data?.users ?? null).toBeNull();
      expect(body.errors?.[0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT', field: 'search' } });
    }
    const blank = await app.gql<{ users: { totalCount: number } }>(SEARCH, { s: '   ' }, admin.token);
    expect(blank.body.data!.users.totalCount).toBeGreaterThan(0);
  });

  it('never leaves no active admin, and an admin cannot deactivate themself', async () => {
    const demoteSelf = await app.gql(UPDATE, { id: String(admin.id), input: { role: 'VIEWER' } }, admin.token);
    expect(demoteSelf.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'LAST_ACTIVE_ADMIN' });
    const deactivateSelf = await app.gql(UPDATE, { id: String(admin.id), input: { isActive: false } }, admin.token);
    expect(deactivateSelf.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CANNOT_DEACTIVATE_SELF' });
    const second = await signedInUser('ADMIN');
    // With a second active admin, one of the two may be demoted; the one left is the last again.
    const demoted = await app.gql(UPDATE, { id: second.id, input: { role: 'OPERATOR' } }, admin.token);
    expect(demoted.body.data).toMatchObject({ updateUser: { role: 'OPERATOR' } });
    const last = await app.gql(UPDATE, { id: String(admin.id), input: { role: 'OPERATOR' } }, admin.token);
    expect(last.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'LAST_ACTIVE_ADMIN' });
    expect(await app.sql(`select count(*)::int as n from users where role = 'ADMIN' and is_active`)).toEqual([{ n: 1 }]);
  });

  it('refuses bad input naming the field, and changes nothing', async () => {
    const user = await signedInUser('VIEWER');
    const before = await app.sql('select * from users where id = ?', [Number(user.id)]);
    const empty = await app.gql(UPDATE, { id: user.id, input: { fullName: '   ' } }, admin.token);
    expect(empty.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fullName' });
    const missing = await app.gql(UPDATE, { id: '99999', input: { fullName: 'Nobody' } }, admin.token);
    expect(missing.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await app.sql('select * from users where id = ?', [Number(user.id)])).toEqual(before);
  });

  it('ends a deactivated user’s token and WebSocket at once, and reactivation does not bring the old token back', async () => {
    const user = await signedInUser('VIEWER');
    expect((await app.gql('{ me { id } }', {}, user.token)).status).toBe(200);
    const socket = openWsSession(app.wsUrl);
    expect(await socket.init({ authorization: `Bearer ${user.token}` })).toBe(true);
    expect((await socket.request('health', 'subscription { healthStatusChanged { state } }')).type).toBe('next');
    await app.gql(UPDATE, { id: user.id, input: { isActive: false } }, admin.token);
    expect((await socket.closed).code).toBe(4401);
    const refused = await app.gql('{ me { id } }', {}, user.token);
    expect(refused.status).toBe(401);
    expect(await login(user.email, user.password)).toBeNull();
    await app.gql(UPDATE, { id: user.id, input: { isActive: true } }, admin.token);
    expect((await app.gql('{ me { id } }', {}, user.token)).status).toBe(401);
    expect(await login(user.email, user.password)).not.toBeNull();
  });

  it('ends the sessions of a user whose role changes; the next sign-in carries the new role', async () => {
    const user = await signedInUser('VIEWER');
    expect((await app.gql('mutation { runHealthCheck { id } }', {}, user.token)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await app.gql(UPDATE, { id: user.id, input: { role: 'OPERATOR' } }, admin.token);
    expect((await app.gql('{ me { id } }', {}, user.token)).status).toBe(401);
    const again = await login(user.email, user.password);
    expect(again!.user.role).toBe('OPERATOR');
    const { body } = await app.gql<{ me: { permissions: string[] } }>('{ me { permissions } }', {}, again!.accessToken);
    expect(body.data!.me.permissions).toContain('Mutation.resyncLicense');
    expect(body.data!.me.permissions).not.toContain('Mutation.updateUser');
  });

  it('resets a password to a one-time one that must be changed before anything else', async () => {
    const user = await signedInUser('OPERATOR');
    const reset = await app.gql<{ resetPassword: string }>('mutation ($id: ID!) { resetPassword(userId: $id) }', { id: user.id }, admin.token);
    const oneTime = reset.body.data!.resetPassword;
    expect(oneTime).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect((await app.gql('{ me { id } }', {}, user.token)).status).toBe(401);
    expect(await login(user.email, user.password)).toBeNull();
    const session = await login(user.email, oneTime);
    expect(session!.user.mustChangePassword).toBe(true);
    const blocked = await app.gql('{ me { id } healthStatus { state } }', {}, session!.accessToken);
    expect(blocked.body.data).toMatchObject({ me: { id: user.id }, healthStatus: null });
    expect(blocked.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PASSWORD_CHANGE_REQUIRED' });
    const wrong = await app.gql('mutation { changePassword(currentPassword: "not-it-at-all", newPassword: "my-own-new-passphrase") }', {}, session!.accessToken);
    expect(wrong.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const weak = await app.gql('mutation ($c: String!) { changePassword(currentPassword: $c, newPassword: "short") }', { c: oneTime }, session!.accessToken);
    expect(weak.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
    const changed = await app.gql('mutation ($c: String!) { changePassword(currentPassword: $c, newPassword: "my-own-new-passphrase") }', { c: oneTime }, session!.accessToken);
    expect(changed.body).toEqual({ data: { changePassword: true } });
    // The same token keeps working, now without the restriction.
    const open = await app.gql<{ healthStatus: { state: string } }>('{ healthStatus { state } }', {}, session!.accessToken);
    expect(open.body.errors).toBeUndefined();
    expect(await login(user.email, 'my-own-new-passphrase')).not.toBeNull();
    expect(await login(user.email, oneTime)).toBeNull();
  });

  it('invites a user with a one-time password shown once', async () => {
    const { body } = await app.gql<{ inviteUser: { user: { id: string; role: string; mustChangePassword: boolean }; initialPassword: string } }>(
      'mutation { inviteUser(input: { email: "Invitee@LevelSync.test", fullName: "Invitee", role: VIEWER }) { user { id role mustChangePassword } initialPassword } }',
      {},
      admin.token,
    );
    expect(body.data!.inviteUser.user).toMatchObject({ role: 'VIEWER', mustChangePassword: true });
    const session = await login('invitee@levelsync.test', body.data!.inviteUser.initialPassword);
    expect(session!.user.mustChangePassword).toBe(true);
    const duplicate = await app.gql('mutation { inviteUser(input: { email: "invitee@levelsync.test", fullName: "Again", role: VIEWER }) { initialPassword } }', {}, admin.token);
    expect(duplicate.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'email' });
  });

  it('signs a user out everywhere', async () => {
    const user = await signedInUser('VIEWER');
    const second = await login(user.email, user.password);
    expect((await app.gql('mutation { signOut }', {}, user.token)).body).toEqual({ data: { signOut: true } });
    expect((await app.gql('{ me { id } }', {}, user.token)).status).toBe(401);
    expect((await app.gql('{ me { id } }', {}, second!.accessToken)).status).toBe(401);
  });
});
