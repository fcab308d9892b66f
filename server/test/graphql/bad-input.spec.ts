import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbFingerprint } from '../support/db-fingerprint';
import { createStudent, startTestApp, type TestApp } from '../support/test-app';

const UPDATE = 'mutation ($input: ProgressUpdateInput!) { updateProgress(input: $input) { leveledUp } }';
const ASSIGN = 'mutation ($id: ID!, $s: Specialization!) { assignSpecialization(studentId: $id, specialization: $s) { id } }';
const PROGRESS = 'query ($id: ID!) { studentProgress(studentId: $id) { id } }';
const CREATE = 'mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }';
const LOGIN = 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }';

const SQL_INJECTION = "1; drop table users; --";
const SCRIPT = '<script>alert(1)</script>';
const LONG = 'x'.repeat(10_000);

describe('bad input', () => {
  let app: TestApp;
  let admin: string;
  let studentId: string;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.adminToken();
    studentId = String((await createStudent(app)).id);
  });
  afterAll(() => app.close());

  const update = (input: Record<string, unknown>) => ({
    query: UPDATE,
    variables: { input: { studentId, specialization: 'PLAYER', xpChange: 10, ...input } },
  });
  const user = (input: Record<string, unknown>) => ({
    query: CREATE,
    variables: { input: { email: 'new.user@levelsync.test', password: 'a-long-unusual-passphrase', fullName: 'New User', role: 'STUDENT', ...input } },
  });

  const cases: Array<[string, { query: string; variables: Record<string, unknown> }, string]> = [
    ['xpChange zero', update({ xpChange: 0 }), 'BAD_USER_INPUT'],
    ['xpChange negative', update({ xpChange: -9_999_999 }), 'BAD_USER_INPUT'],
    ['xpChange above 1,000,000', update({ xpChange: 1_000_001 }), 'BAD_USER_INPUT'],
    ['xpChange beyond 32 bits', update({ xpChange: 9_999_999_999 }), 'BAD_USER_INPUT'],
    ['xpChange fractional', update({ xpChange: 10.5 }), 'BAD_USER_INPUT'],
    ['xpChange as a string', update({ xpChange: '10' }), 'BAD_USER_INPUT'],
    ['studentId unknown', update({ studentId: '2147483647' }), 'NOT_FOUND'],
    ['studentId negative', update({ studentId: '-1' }), 'BAD_USER_INPUT'],
    ['studentId zero', update({ studentId: '0' }), 'BAD_USER_INPUT'],
    ['studentId beyond int4', update({ studentId: '99999999999' }), 'BAD_USER_INPUT'],
    ['studentId malformed', update({ studentId: 'abc' }), 'BAD_USER_INPUT'],
    ['studentId SQL injection', update({ studentId: SQL_INJECTION }), 'BAD_USER_INPUT'],
    ['specialization unknown', update({ specialization: 'GOALKEEPER' }), 'BAD_USER_INPUT'],
    ['specialization SQL injection', update({ specialization: "PLAYER' or '1'='1" }), 'BAD_USER_INPUT'],
    ['idempotencyKey empty', update({ idempotencyKey: '' }), 'BAD_USER_INPUT'],
    ['idempotencyKey over-long', update({ idempotencyKey: LONG }), 'BAD_USER_INPUT'],
    ['idempotencyKey with script', update({ idempotencyKey: SCRIPT }), 'BAD_USER_INPUT'],
    ['assign malformed id', { query: ASSIGN, variables: { id: '1.5', s: 'COACH' } }, 'BAD_USER_INPUT'],
    ['assign unknown id', { query: ASSIGN, variables: { id: '2147483000', s: 'COACH' } }, 'NOT_FOUND'],
    ['assign unknown specialization', { query: ASSIGN, variables: { id: '1', s: 'chess' } }, 'BAD_USER_INPUT'],
    ['studentProgress malformed id', { query: PROGRESS, variables: { id: SCRIPT } }, 'BAD_USER_INPUT'],
    ['studentProgress unknown id', { query: PROGRESS, variables: { id: '2147483000' } }, 'NOT_FOUND'],
    ['createUser invalid email', user({ email: 'not-an-email' }), 'BAD_USER_INPUT'],
    ['createUser SQL injection email', user({ email: "a'; drop table users; --@x.io" }), 'BAD_USER_INPUT'],
    ['createUser over-long email', user({ email: `${LONG}@levelsync.test` }), 'BAD_USER_INPUT'],
    ['createUser short password', user({ password: 'short' }), 'BAD_USER_INPUT'],
    ['createUser common password', user({ password: 'password1234' }), 'BAD_USER_INPUT'],
    ['createUser over-long password', user({ password: LONG }), 'BAD_USER_INPUT'],
    ['createUser empty name', user({ fullName: '' }), 'BAD_USER_INPUT'],
    ['createUser blank name', user({ fullName: '   ' }), 'BAD_USER_INPUT'],
    ['createUser over-long name', user({ fullName: LONG }), 'BAD_USER_INPUT'],
    ['createUser control characters in name', user({ fullName: 'Bad\u0000Name' }), 'BAD_USER_INPUT'],
    ['createUser unknown role', user({ role: 'ROOT' }), 'BAD_USER_INPUT'],
    ['createUser duplicate email', user({ email: 'ADMIN@levelsync.test' }), 'CONFLICT'],
    ['login over-long email', { query: LOGIN, variables: { e: LONG, p: 'whatever-password' } }, 'UNAUTHENTICATED'],
    ['missing required variable', { query: UPDATE, variables: {} }, 'BAD_USER_INPUT'],
    ['unknown field', { query: '{ nope }', variables: {} }, 'BAD_USER_INPUT'],
    ['syntax error', { query: 'mutation { updateProgress(', variables: {} }, 'BAD_USER_INPUT'],
  ];

  for (const [name, request, code] of cases) {
    it(`answers ${code} for ${name} and writes nothing`, async () => {
      const before = await dbFingerprint(app);
      const { status, body } = await app.gql(request.query, request.variables, admin);
      // GraphQL over HTTP: a request error (parse, validation, a type error in the variables) has no data and is a 400;
      // an execution error (a range error, NOT_FOUND, CONFLICT, a wrong password) is a 200 with data.
      expect(status).toBe('data' in body ? 200 : 400);
      expect(body.errors?.[0]?.extensions?.code).toBe(code);
      expect(JSON.stringify(body)).not.toMatch(/stacktrace|\bat .+\.ts:\d+/);
      expect(await dbFingerprint(app)).toBe(before);
    });
  }

  it('refuses input with the one message and field its domain service gives, whoever calls it', async () => {
    const refusals: Array<[Record<string, unknown>, string, string]> = [
      [{ idempotencyKey: SCRIPT }, 'idempotencyKey must be 1 to 128 characters of letters, digits, _ . : -', 'idempotencyKey'],
      [{ xpChange: 0 }, 'xpChange must be a whole number from 1 to 1,000,000', 'xpChange'],
      [{ studentId: 'abc' }, 'studentId must be a positive integer id, got "abc"', 'studentId'],
    ];
    for (const [input, message, field] of refusals) {
      const { body } = await app.gql(update(input).query, update(input).variables, admin);
      expect(body.errors).toEqual([expect.objectContaining({ message, extensions: { code: 'BAD_USER_INPUT', field } })]);
      const direct = app.services.progress.update({ id: 1, role: 'ADMIN' }, { studentId, specialization: 'PLAYER', xpChange: 10, ...input });
      await expect(direct).rejects.toMatchObject({ code: 'BAD_USER_INPUT', message, details: { field } });
    }
    const { body } = await app.gql(user({ fullName: '' }).query, user({ fullName: '' }).variables, admin);
    expect(body.errors).toEqual([
      expect.objectContaining({ message: 'fullName must be 1 to 200 printable characters', extensions: { code: 'BAD_USER_INPUT', field: 'fullName' } }),
    ]);
  });

  it('stores hostile names as data and returns them intact', async () => {
    const fullName = `<img src=x onerror=alert(1)> ${SQL_INJECTION}`;
    const { body } = await app.gql<{ createUser: { id: string } }>(
      'mutation ($input: CreateUserInput!) { createUser(input: $input) { id fullName } }',
      { input: { email: 'hostile@levelsync.test', password: 'a-long-unusual-passphrase', fullName, role: 'STUDENT' } },
      admin,
    );
    expect(body.data?.createUser).toMatchObject({ fullName });
    const [count] = await app.sql<{ n: string }>('select count(*) as n from users');
    expect(Number(count!.n)).toBeGreaterThan(1);
  });

  it('answers a malformed JSON body with a coded 400, not a stack trace', async () => {
    const response = await fetch(app.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
  });
});
