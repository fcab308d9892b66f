import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, createStudent, startTestApp, type TestApp } from '../support/test-app';

const UPDATE = 'mutation ($input: ProgressUpdateInput!) { updateProgress(input: $input) { leveledUp } }';
const LOGIN = 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }';

interface Answer {
  status: number;
  contentType: string;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; path?: string[]; extensions?: { code?: string } }> };
}

/**
 * The status codes of GraphQL over HTTP (README, "Status codes"): a request error (no `data`) is a
 * 400, an execution error a 200 with `data`, a 401 only for an operation that needs a viewer and has
 * none. Asked with the spec's media type and with plain JSON, which get the same statuses.
 */
describe('HTTP status codes', () => {
  let app: TestApp;
  let admin: string;
  let student: { id: number; token: string };

  const post = async (query: string, variables: Record<string, unknown> = {}, authorization?: string, accept = 'application/graphql-response+json'): Promise<Answer> => {
    const response = await fetch(app.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept, ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: (await response.json()) as Answer['body'] };
  };
  const update = (input: Record<string, unknown>) => ({ input: { studentId: String(student.id), specialization: 'PLAYER', xpChange: 10, ...input } });

  beforeAll(async () => {
    app = await startTestApp();
    admin = `Bearer ${await app.adminToken()}`;
    student = await createStudent(app, ['PLAYER']);
  });
  afterAll(() => app.close());

  it("gives a student's { me healthStatus } its me, with one FORBIDDEN field error for healthStatus (200)", async () => {
    const answer = await post('{ me { id role } healthStatus { state } }', {}, `Bearer ${student.token}`);
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({ me: { id: String(student.id), role: 'STUDENT' }, healthStatus: null });
    expect(answer.body.errors).toHaveLength(1);
    expect(answer.body.errors![0]).toMatchObject({ path: ['healthStatus'], extensions: { code: 'FORBIDDEN' } });
  });

  for (const accept of ['application/graphql-response+json', 'application/json']) {
    describe(`with Accept: ${accept}`, () => {
      it('answers request errors (parse, validation, variable coercion: no data) with 400', async () => {
        const requestErrors = [
          await post('{ me { id ', {}, admin, accept),
          await post('{ nope }', {}, admin, accept),
          // A type error: "10" is no Int, so the operation never runs.
          await post(UPDATE, update({ xpChange: '10' }), admin, accept),
          await post(UPDATE, {}, admin, accept),
        ];
        for (const answer of requestErrors) {
          expect({ status: answer.status, hasData: 'data' in answer.body, code: answer.body.errors?.[0]?.extensions?.code }).toEqual({
            status: 400,
            hasData: false,
            code: 'BAD_USER_INPUT',
          });
          expect(answer.contentType).toContain(accept);
        }
      });

      it('answers execution errors (a range error, NOT_FOUND, CONFLICT, FORBIDDEN) with 200 and data', async () => {
        const executionErrors: Array<[Answer, string]> = [
          // A range error: 0 is an Int, the field refuses it.
          [await post(UPDATE, update({ xpChange: 0 }), admin, accept), 'BAD_USER_INPUT'],
          [await post(UPDATE, update({ studentId: '2147483000' }), admin, accept), 'NOT_FOUND'],
          [await post('mutation ($id: ID!) { assignSpecialization(studentId: $id, specialization: PLAYER) { id } }', { id: String(student.id) }, admin, accept), 'CONFLICT'],
          [await post('{ systemInfo { version } }', {}, `Bearer ${student.token}`, accept), 'FORBIDDEN'],
        ];
        for (const [answer, code] of executionErrors) {
          expect({ status: answer.status, hasData: 'data' in answer.body, code: answer.body.errors?.[0]?.extensions?.code }).toEqual({ status: 200, hasData: true, code });
        }
      });

      it('answers an operation that needs a viewer with 401 and no data, without a token or with a bad one', async () => {
        for (const authorization of [undefined, 'Bearer not-a-token', 'Basic YWRtaW46YWRtaW4=']) {
          const answer = await post('{ me { id } healthStatus { state } }', {}, authorization, accept);
          expect({ status: answer.status, hasData: 'data' in answer.body, code: answer.body.errors?.[0]?.extensions?.code }).toEqual({
            status: 401,
            hasData: false,
            code: 'UNAUTHENTICATED',
          });
        }
      });

      it('answers a wrong password with 200 and UNAUTHENTICATED for the login field, and a login with a stale token normally', async () => {
        const wrong = await post(LOGIN, { e: ADMIN_EMAIL, p: 'not-the-admin-password' }, undefined, accept);
        expect(wrong.status).toBe(200);
        expect(wrong.body).toMatchObject({ data: null, errors: [{ path: ['login'], extensions: { code: 'UNAUTHENTICATED' } }] });
        // login needs no viewer: a bad token left in the header does not make it a 401.
        const stale = await post(LOGIN, { e: ADMIN_EMAIL, p: 'not-the-admin-password' }, 'Bearer expired-or-forged', accept);
        expect(stale.status).toBe(200);
      });
    });
  }
});
