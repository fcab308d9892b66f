import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPair, insertStudent, queueRun } from './integrity-domain-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

const RESYNC = `mutation ($studentId: ID!, $specialization: Specialization!) {
  resyncLicense(studentId: $studentId, specialization: $specialization) {
    id trigger action specialization jobId violationId before after createdAt
    student { id } actor { id role }
  }
}`;

const VIOLATIONS = `query ($first: Int, $after: String, $filter: ViolationFilter) {
  violations(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id type specialization progressLevel licenseLevel totalXp expectedLevel resolvedAt student { id fullName } } }
  }
}`;

interface ViolationsData {
  violations: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ cursor: string; node: { id: string; type: string; specialization: string; resolvedAt: string | null; student: { id: string } } }>;
  };
}

describe('integrity over GraphQL', () => {
  let app: TestApp;
  let admin: string;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.adminToken();
  });
  afterAll(() => app.close());

  async function check() {
    const run = await queueRun(app, 'MANUAL');
    return app.services.integrity.run(run.id);
  }

  describe('resyncLicense', () => {
    let student: number;
    beforeAll(async () => {
      student = await insertStudent(app);
      await insertPair(app, student, 'PLAYER', { progress: { totalXp: 3200, level: 4 }, license: { level: 2, maxAchieved: 2 } });
      await check();
    });

    it('is refused to instructors and students, and to anonymous callers', async () => {
      const instructor = await app.createUser('INSTRUCTOR');
      const someStudent = await app.createUser('STUDENT');
      for (const token of [instructor.token, someStudent.token]) {
        const { body } = await app.gql(RESYNC, { studentId: String(student), specialization: 'PLAYER' }, token);
        expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
      const anonymous = await app.gql(RESYNC, { studentId: String(student), specialization: 'PLAYER' });
      expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(await app.sql('select 1 from repairs')).toHaveLength(0);
    });

    it('repairs the pair for an admin and audits it with the admin as actor', async () => {
      const { body } = await app.gql<{ resyncLicense: Record<string, unknown> }>(RESYNC, { studentId: String(student), specialization: 'PLAYER' }, admin);
      expect(body.errors).toBeUndefined();
      const repair = body.data!.resyncLicense;
      const [adminRow] = await app.sql<{ id: number }>(`select id from users where role = 'ADMIN' limit 1`);
      expect(repair).toMatchObject({
        trigger: 'MANUAL',
        action: 'LICENSE_LEVEL_SYNCED',
        specialization: 'PLAYER',
        jobId: null,
        student: { id: String(student) },
        actor: { id: String(adminRow!.id), role: 'ADMIN' },
      });
      expect(repair.violationId).not.toBeNull();
      expect(JSON.parse(repair.before as string)).toEqual({
        progress: { totalXp: 3200, currentLevel: 4 },
        license: { currentLevel: 2, maxAchievedLevel: 2 },
      });
      expect(JSON.parse(repair.after as string)).toMatchObject({ license: { currentLevel: 4, maxAchievedLevel: 4 } });
      const [license] = await app.sql<{ current_level: number }>('select current_level from licenses where user_id = ?', [student]);
      expect(license!.current_level).toBe(4);
      expect(await app.sql('select 1 from violations where student_id = ? and resolved_at is null', [student])).toHaveLength(0);
    });

    it('answers CONFLICT when the pair is already consistent, without another repair', async () => {
      const { body } = await app.gql(RESYNC, { studentId: String(student), specialization: 'PLAYER' }, admin);
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_CONSISTENT' });
      expect(await app.sql('select 1 from repairs where student_id = ?', [student])).toHaveLength(1);
    });

    it('answers NOT_FOUND for an unknown user, CONFLICT for an unassigned pair, BAD_USER_INPUT for a bad id', async () => {
      const unknown = await app.gql(RESYNC, { studentId: '999999', specialization: 'PLAYER' }, admin);
      expect(unknown.body.errors?.[0]).toMatchObject({ message: 'User 999999 does not exist', extensions: { code: 'NOT_FOUND', field: 'studentId' } });
      const unassigned = await app.gql(RESYNC, { studentId: String(student), specialization: 'COACH' }, admin);
      expect(unassigned.body.errors?.[0]).toMatchObject({
        message: `Student ${student} is not assigned to COACH: no progress and no license to repair`,
        extensions: { code: 'CONFLICT', reason: 'SPECIALIZATION_NOT_ASSIGNED' },
      });
      const bad = await app.gql(RESYNC, { studentId: 'abc', specialization: 'PLAYER' }, admin);
      expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(await app.sql('select 1 from repairs where student_id = ?', [student])).toHaveLength(1);
    });

    it('names an admin or instructor id as a user who is not a student, with BAD_USER_INPUT', async () => {
      const [adminRow] = await app.sql<{ id: number }>(`select id from users where role = 'ADMIN' order by id limit 1`);
      const instructor = await app.createUser('INSTRUCTOR');
      const cases = [
        { id: adminRow!.id, message: `User ${adminRow!.id} is an admin, not a student` },
        { id: Number(instructor.id), message: `User ${instructor.id} is an instructor, not a student` },
      ];
      for (const { id, message } of cases) {
        const { body } = await app.gql(RESYNC, { studentId: String(id), specialization: 'PLAYER' }, admin);
        expect(body.errors?.[0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT', field: 'studentId', reason: 'NOT_A_STUDENT' } });
      }
    });

    it('lists the repair in the audit, filtered by student', async () => {
      const { body } = await app.gql<{ repairs: { totalCount: number; edges: Array<{ node: { trigger: string; actor: { id: string } | null } }> } }>(
        `query ($studentId: ID) { repairs(first: 10, studentId: $studentId) { totalCount edges { node { trigger actor { id } } } } }`,
        { studentId: String(student) },
        admin,
      );
      expect(body.errors).toBeUndefined();
      expect(body.data!.repairs.totalCount).toBe(1);
      expect(body.data!.repairs.edges[0]!.node.trigger).toBe('MANUAL');
    });
  });

  describe('violations', () => {
    const ids: number[] = [];
    beforeAll(async () => {
      for (let i = 0; i < 7; i += 1) {
        const id = await insertStudent(app);
        ids.push(id);
        await insertPair(app, id, i % 2 ? 'COACH' : 'PLAYER', i < 5 ? { progress: { totalXp: 0, level: 1 } } : { license: { level: 2 } });
      }
      await check();
    });

    async function page(variables: Record<string, unknown>) {
      const { body } = await app.gql<ViolationsData>(VIOLATIONS, variables, admin);
      expect(body.errors).toBeUndefined();
      return body.data!.violations;
    }

    it('pages through every open violation newest first, without duplicates or gaps', async () => {
      const everything = await page({ first: 100 });
      const seen: string[] = [];
      let after: string | null = null;
      for (let i = 0; i < 10; i += 1) {
        const current: ViolationsData['violations'] = await page({ first: 3, after });
        expect(current.totalCount).toBe(everything.totalCount);
        seen.push(...current.edges.map((e) => e.node.id));
        if (!current.pageInfo.hasNextPage) break;
        after = current.pageInfo.endCursor;
      }
      expect(seen).toEqual(everything.edges.map((e) => e.node.id));
      expect(seen.map(Number)).toEqual([...seen.map(Number)].sort((a, b) => b - a));
      expect(new Set(seen).size).toBe(seen.length);
    });

    it('filters by type, specialization and student, and includes resolved ones on request', async () => {
      const orphans = await page({ filter: { type: 'ORPHAN_LICENSE' } });
      expect(orphans.totalCount).toBe(2);
      expect(orphans.edges.every((e) => e.node.type === 'ORPHAN_LICENSE')).toBe(true);
      const coachMissing = await page({ filter: { type: 'MISSING_LICENSE', specialization: 'COACH' } });
      expect(coachMissing.edges.map((e) => Number(e.node.student.id)).sort()).toEqual([ids[1], ids[3]]);
      const one = await page({ filter: { studentId: String(ids[6]) } });
      expect(one.edges).toHaveLength(1);
      expect(one.edges[0]!.node).toMatchObject({ type: 'ORPHAN_LICENSE', licenseLevel: 2, progressLevel: null });

      await app.sql('delete from licenses where user_id = ?', [ids[6]]);
      await check();
      expect((await page({ filter: { studentId: String(ids[6]) } })).totalCount).toBe(0);
      const withResolved = await page({ filter: { studentId: String(ids[6]), includeResolved: true } });
      expect(withResolved.edges[0]!.node.resolvedAt).not.toBeNull();
    });

    it('rejects first outside 1..100 and cursors that are not from this list with BAD_USER_INPUT', async () => {
      const runs = await app.gql<{ checkRuns: { pageInfo: { endCursor: string } } }>('{ checkRuns(first: 1) { pageInfo { endCursor } } }', {}, admin);
      for (const variables of [{ first: 0 }, { first: 101 }, { first: -5 }, { after: 'not-a-cursor' }, { after: runs.body.data!.checkRuns.pageInfo.endCursor }, { filter: { studentId: 'x' } }]) {
        const { body } = await app.gql(VIOLATIONS, variables, admin);
        expect(body.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe('BAD_USER_INPUT');
      }
    });

    it('is refused to non-admins', async () => {
      const instructor = await app.createUser('INSTRUCTOR');
      const { body } = await app.gql(VIOLATIONS, {}, instructor.token);
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe('health and history', () => {
    it('serves healthStatus, healthMetrics and checkRuns to admins only', async () => {
      await check();
      const { body } = await app.gql<{
        healthStatus: { state: string; lastRun: { state: string } | null; activeRun: unknown; nextScheduledAt: unknown };
        healthMetrics: { pairsChecked: number; openViolationsByType: Array<{ type: string; count: number }> };
        checkRuns: { totalCount: number; edges: Array<{ node: { id: string; state: string } }> };
      }>(
        `{ healthStatus { state consistencyRate lastRun { id state } activeRun { id } nextScheduledAt }
           healthMetrics { pairsChecked openViolations openViolationsByType { type count } checksLast24h repairsLast24h lastCheckDurationMs averageConsistencyRate }
           checkRuns(first: 2) { totalCount pageInfo { hasNextPage } edges { node { id state trigger pairsChecked } } } }`,
        {},
        admin,
      );
      expect(body.errors).toBeUndefined();
      expect(body.data!.healthStatus.lastRun?.state).toBe('SUCCEEDED');
      expect(body.data!.healthMetrics.openViolationsByType).toHaveLength(4);
      expect(body.data!.checkRuns.edges).toHaveLength(2);
      expect(body.data!.checkRuns.totalCount).toBeGreaterThanOrEqual(3);
      const student = await app.createUser('STUDENT');
      for (const field of ['healthStatus { state }', 'healthMetrics { openViolations }', 'checkRuns { totalCount }']) {
        expect((await app.gql(`{ ${field} }`, {}, student.token)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect((await app.gql(`{ ${field} }`)).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      }
    });
  });
});
