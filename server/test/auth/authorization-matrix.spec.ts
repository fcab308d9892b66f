import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbFingerprint } from '../support/db-fingerprint';
import { createStudent, startTestApp, type TestApp } from '../support/test-app';

type Caller = 'anonymous' | 'student' | 'otherStudent' | 'instructor' | 'admin';
type Outcome = 'ok' | 'UNAUTHENTICATED' | 'FORBIDDEN';

interface Operation {
  name: string;
  /** Builds the operation for a target student owned by the `student` caller. */
  build(ctx: { studentId: number; n: number }): { query: string; variables: Record<string, unknown> };
  /** Callers left out are covered elsewhere (queueing as admin needs a queue: server/test/jobs). */
  expected: Partial<Record<Caller, Outcome>>;
}

const ADMIN_ONLY: Record<Caller, Outcome> = {
  anonymous: 'UNAUTHENTICATED',
  student: 'FORBIDDEN',
  otherStudent: 'FORBIDDEN',
  instructor: 'FORBIDDEN',
  admin: 'ok',
};
const STAFF: Record<Caller, Outcome> = { ...ADMIN_ONLY, instructor: 'ok' };

const OPERATIONS: Operation[] = [
  {
    name: 'me',
    build: () => ({ query: '{ me { id role } }', variables: {} }),
    expected: { anonymous: 'UNAUTHENTICATED', student: 'ok', otherStudent: 'ok', instructor: 'ok', admin: 'ok' },
  },
  {
    name: 'studentProgress',
    build: ({ studentId }) => ({
      query: 'query ($id: ID!) { studentProgress(studentId: $id) { totalXp student { id } } }',
      variables: { id: String(studentId) },
    }),
    expected: { anonymous: 'UNAUTHENTICATED', student: 'ok', otherStudent: 'FORBIDDEN', instructor: 'ok', admin: 'ok' },
  },
  {
    name: 'updateProgress',
    build: ({ studentId }) => ({
      query: 'mutation ($input: ProgressUpdateInput!) { updateProgress(input: $input) { leveledUp } }',
      variables: { input: { studentId: String(studentId), specialization: 'PLAYER', xpChange: 5 } },
    }),
    expected: STAFF,
  },
  {
    name: 'assignSpecialization',
    build: ({ studentId }) => ({
      query: 'mutation ($id: ID!) { assignSpecialization(studentId: $id, specialization: COACH) { id } }',
      variables: { id: String(studentId) },
    }),
    expected: STAFF,
  },
  {
    name: 'createUser',
    build: ({ n }) => ({
      query: 'mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }',
      variables: { input: { email: `matrix-${n}@levelsync.test`, password: 'a-long-unusual-passphrase', fullName: 'Matrix', role: 'STUDENT' } },
    }),
    expected: ADMIN_ONLY,
  },
  {
    name: 'healthStatus',
    build: () => ({ query: '{ healthStatus { state consistencyRate } }', variables: {} }),
    expected: ADMIN_ONLY,
  },
  {
    name: 'healthMetrics',
    build: () => ({ query: '{ healthMetrics { pairsChecked openViolations } }', variables: {} }),
    expected: ADMIN_ONLY,
  },
  {
    name: 'violations',
    build: () => ({ query: '{ violations(first: 5) { totalCount edges { node { id } } } }', variables: {} }),
    expected: ADMIN_ONLY,
  },
  {
    name: 'checkRuns',
    build: () => ({ query: '{ checkRuns(first: 5) { totalCount edges { node { id } } } }', variables: {} }),
    expected: ADMIN_ONLY,
  },
  {
    name: 'repairs',
    build: () => ({ query: '{ repairs(first: 5) { totalCount edges { node { id } } } }', variables: {} }),
    expected: ADMIN_ONLY,
  },
  {
    name: 'repairPreview',
    build: ({ studentId }) => ({
      query: 'query ($id: ID!) { repairPreview(studentId: $id, specialization: PLAYER) { alreadyConsistent action } }',
      variables: { id: String(studentId) },
    }),
    expected: ADMIN_ONLY,
  },
  {
    name: 'resyncLicense',
    build: ({ studentId }) => ({
      query: 'mutation ($id: ID!) { resyncLicense(studentId: $id, specialization: PLAYER) { id action } }',
      variables: { id: String(studentId) },
    }),
    expected: { ...ADMIN_ONLY, admin: undefined },
  },
  {
    name: 'runHealthCheck',
    build: () => ({ query: 'mutation { runHealthCheck { id state } }', variables: {} }),
    expected: { ...ADMIN_ONLY, admin: undefined },
  },
  {
    name: 'runAutoSync',
    build: () => ({ query: 'mutation { runAutoSync { id state } }', variables: {} }),
    expected: { ...ADMIN_ONLY, admin: undefined },
  },
];

describe('authorization matrix', () => {
  let app: TestApp;
  const tokens: Partial<Record<Caller, string>> = {};
  let counter = 0;

  beforeAll(async () => {
    app = await startTestApp();
    tokens.admin = await app.adminToken();
    tokens.instructor = (await app.createUser('INSTRUCTOR')).token;
    tokens.otherStudent = (await createStudent(app)).token;
  });
  afterAll(() => app.close());

  for (const operation of OPERATIONS) {
    describe(operation.name, () => {
      for (const [caller, outcome] of Object.entries(operation.expected) as Array<[Caller, Outcome | undefined]>) {
        if (!outcome) continue;
        it(`${outcome === 'ok' ? 'allows' : `refuses with ${outcome}`} the ${caller}`, async () => {
          const target = await createStudent(app);
          const token = caller === 'anonymous' ? undefined : caller === 'student' ? target.token : tokens[caller];
          counter += 1;
          const { query, variables } = operation.build({ studentId: target.id, n: counter });
          const before = await dbFingerprint(app);
          const { status, body } = await app.gql(query, variables, token);
          if (outcome === 'ok') {
            expect(body.errors).toBeUndefined();
            expect(status).toBe(200);
          } else if (outcome === 'UNAUTHENTICATED') {
            // No viewer for an operation that needs one: the whole operation fails, 401 and no data.
            expect(body.errors?.[0]?.extensions?.code).toBe(outcome);
            expect(status).toBe(401);
            expect(body).not.toHaveProperty('data');
            expect(await dbFingerprint(app)).toBe(before);
          } else {
            // The wrong role is a field error: 200, the field null (a non-null mutation field nulls data), the error at its path.
            expect(body.errors?.map((e) => ({ code: e.extensions?.code, path: e.path }))).toEqual([{ code: outcome, path: [operation.name] }]);
            expect(status).toBe(200);
            expect(body.data === null || body.data?.[operation.name] === null).toBe(true);
            expect(await dbFingerprint(app)).toBe(before);
          }
        });
      }
    });
  }
});
