import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudent, startTestApp, type TestApp } from '../support/test-app';

const UPDATE = `mutation ($input: ProgressUpdateInput!) {
  updateProgress(input: $input) {
    previousLevel leveledUp
    progress { id totalXp currentLevel maxLevel specialization student { id } updatedAt }
    license { currentLevel maxAchievedLevel specialization updatedAt }
  }
}`;

interface UpdateResult {
  updateProgress: {
    previousLevel: number;
    leveledUp: boolean;
    progress: { totalXp: number; currentLevel: number; maxLevel: number; student: { id: string }; updatedAt: string };
    license: { currentLevel: number; maxAchievedLevel: number; updatedAt: string };
  };
}

describe('updateProgress', () => {
  let app: TestApp;
  let instructor: string;

  beforeAll(async () => {
    app = await startTestApp();
    instructor = (await app.createUser('INSTRUCTOR')).token;
  });
  afterAll(() => app.close());

  const update = (studentId: number | string, xpChange: number, extra: Record<string, unknown> = {}) =>
    app.gql<UpdateResult>(UPDATE, { input: { studentId: String(studentId), specialization: 'PLAYER', xpChange, ...extra } }, instructor);

  const pair = async (studentId: number) => {
    const [row] = await app.sql<{ total_xp: number; progress_level: number; license_level: number; max_achieved_level: number }>(
      `select p.total_xp, p.current_level as progress_level, l.current_level as license_level, l.max_achieved_level
       from specialization_progress p join licenses l on l.user_id = p.student_id and l.specialization = p.specialization
       where p.student_id = ? and p.specialization = 'PLAYER'`,
      [studentId],
    );
    return row!;
  };

  it('levels up the license with the progress', async () => {
    const student = await createStudent(app);
    const { body } = await update(student.id, 1600);
    expect(body.errors).toBeUndefined();
    const result = body.data!.updateProgress;
    expect(result).toMatchObject({ previousLevel: 1, leveledUp: true });
    expect(result.progress).toMatchObject({ totalXp: 1600, currentLevel: 3, maxLevel: 8, student: { id: String(student.id) } });
    expect(result.license).toMatchObject({ currentLevel: 3, maxAchievedLevel: 3, specialization: 'PLAYER' });
    for (const stamp of [result.progress.updatedAt, result.license.updatedAt]) {
      expect(stamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      expect(Math.abs(Date.parse(stamp) - Date.now())).toBeLessThan(60_000);
    }
    expect(await pair(student.id)).toEqual({ total_xp: 1600, progress_level: 3, license_level: 3, max_achieved_level: 3 });
  });

  it('reports no level-up when the XP stays within the level', async () => {
    const student = await createStudent(app);
    const { body } = await update(student.id, 10);
    expect(body.data!.updateProgress).toMatchObject({ previousLevel: 1, leveledUp: false, progress: { currentLevel: 1 } });
  });

  it('caps the level at the specialization maximum', async () => {
    const student = await createStudent(app);
    const { body } = await update(student.id, 1_000_000);
    expect(body.data!.updateProgress.progress).toMatchObject({ totalXp: 1_000_000, currentLevel: 8 });
    expect(body.data!.updateProgress.license.currentLevel).toBe(8);
  });

  it('brings a drifted license back to the progress level, keeping the highest level achieved', async () => {
    const student = await createStudent(app);
    await update(student.id, 6000); // level 5
    await app.sql(`update licenses set current_level = 7, max_achieved_level = 7 where user_id = ?`, [student.id]);
    const { body } = await update(student.id, 1);
    expect(body.data!.updateProgress.license).toMatchObject({ currentLevel: 5, maxAchievedLevel: 7 });
  });

  it('issues a missing license and audits it as a repair', async () => {
    const student = await createStudent(app);
    await app.sql(`delete from licenses where user_id = ?`, [student.id]);
    const { body } = await update(student.id, 600);
    expect(body.data!.updateProgress.license).toMatchObject({ currentLevel: 2, maxAchievedLevel: 2 });
    const audits = await app.sql(`select trigger, action from repairs where student_id = ?`, [student.id]);
    expect(audits).toEqual([{ trigger: 'ENFORCER', action: 'LICENSE_ISSUED' }]);
  });

  it('refuses to pass the XP ceiling and changes nothing', async () => {
    const student = await createStudent(app);
    await app.sql(`update specialization_progress set total_xp = 999999990, current_level = 8 where student_id = ?`, [student.id]);
    const { body } = await update(student.id, 11);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'XP_CEILING' });
    expect((await pair(student.id)).total_xp).toBe(999999990);
  });

  it('answers NOT_FOUND for an unknown student', async () => {
    const { body } = await update(2_000_000_000, 5);
    expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('explains a specialization the student was never assigned', async () => {
    const student = await createStudent(app, ['COACH']);
    const { body } = await update(student.id, 5);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'SPECIALIZATION_NOT_ASSIGNED' });
    expect(body.errors?.[0]?.message).toMatch(/not assigned to PLAYER/);
  });

  it('says so when the id is not a student’s, instead of calling the user a student', async () => {
    const instructor = await app.createUser('INSTRUCTOR');
    const { body } = await update(instructor.id, 5);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'studentId', reason: 'NOT_A_STUDENT' });
    expect(body.errors?.[0]?.message).toBe(`User ${instructor.id} is not a student: only students have progress`);
  });

  describe('with an idempotency key', () => {
    it('applies once and returns the first result to a retry', async () => {
      const student = await createStudent(app);
      const first = await update(student.id, 700, { idempotencyKey: `retry-${student.id}` });
      const again = await update(student.id, 700, { idempotencyKey: `retry-${student.id}` });
      expect(again.body.data).toEqual(first.body.data);
      expect((await pair(student.id)).total_xp).toBe(700);
    });

    it('refuses the same key with a different input', async () => {
      const student = await createStudent(app);
      await update(student.id, 700, { idempotencyKey: `clash-${student.id}` });
      const { body } = await update(student.id, 701, { idempotencyKey: `clash-${student.id}` });
      expect(body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      expect((await pair(student.id)).total_xp).toBe(700);
    });

    it('leaves the key free when the request was refused', async () => {
      const student = await createStudent(app, ['COACH']);
      const refused = await update(student.id, 5, { idempotencyKey: `refused-${student.id}` });
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      await app.services.progress.assign(String(student.id), 'PLAYER');
      const { body } = await update(student.id, 5, { idempotencyKey: `refused-${student.id}` });
      expect(body.data?.updateProgress.progress.totalXp).toBe(5);
    });
  });
});

describe('assignSpecialization', () => {
  let app: TestApp;
  let admin: string;
  const ASSIGN = `mutation ($id: ID!, $s: Specialization!) {
    assignSpecialization(studentId: $id, specialization: $s) { totalXp currentLevel maxLevel specialization }
  }`;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.adminToken();
  });
  afterAll(() => app.close());

  it('creates progress and license together at level 1', async () => {
    const student = await app.createUser('STUDENT');
    const { body } = await app.gql(ASSIGN, { id: String(student.id), s: 'INTERNSHIP' }, admin);
    expect(body.data?.assignSpecialization).toEqual({ totalXp: 0, currentLevel: 1, maxLevel: 5, specialization: 'INTERNSHIP' });
    const licenses = await app.sql(`select current_level, max_achieved_level from licenses where user_id = ?`, [student.id]);
    expect(licenses).toEqual([{ current_level: 1, max_achieved_level: 1 }]);
  });

  it('refuses a second assignment with CONFLICT and creates no duplicate', async () => {
    const student = await app.createUser('STUDENT');
    await app.gql(ASSIGN, { id: String(student.id), s: 'COACH' }, admin);
    const { body } = await app.gql(ASSIGN, { id: String(student.id), s: 'COACH' }, admin);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_ASSIGNED' });
    const [count] = await app.sql<{ n: string }>(`select count(*) as n from specialization_progress where student_id = ?`, [student.id]);
    expect(Number(count!.n)).toBe(1);
  });

  it('refuses to assign a specialization to a non-student', async () => {
    const instructor = await app.createUser('INSTRUCTOR');
    const { body } = await app.gql(ASSIGN, { id: String(instructor.id), s: 'COACH' }, admin);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
