import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbFingerprint } from '../support/db-fingerprint';
import { startTestApp, type TestApp } from '../support/test-app';
import { insertPair, insertStudent, queueRun, type PairRows } from './integrity-domain-fixtures';

const PREVIEW = `query ($studentId: ID!, $specialization: Specialization!) {
  repairPreview(studentId: $studentId, specialization: $specialization) {
    studentId specialization alreadyConsistent action violationType progress license
    changes { field before after changed }
  }
}`;

const RESYNC = `mutation ($studentId: ID!, $specialization: Specialization!) {
  resyncLicense(studentId: $studentId, specialization: $specialization) { action before after }
}`;

interface FieldChange {
  field: string;
  before: number | null;
  after: number | null;
  changed: boolean;
}

interface Preview {
  studentId: string;
  specialization: string;
  alreadyConsistent: boolean;
  action: string | null;
  violationType: string | null;
  progress: string;
  license: string;
  changes: FieldChange[];
}

interface PairJson {
  progress: { totalXp: number; currentLevel: number } | null;
  license: { currentLevel: number; maxAchievedLevel: number } | null;
}

/** The audit row's JSON read as the preview's four fields. */
function fieldsOf(state: PairJson): Record<string, number | null> {
  return {
    PROGRESS_TOTAL_XP: state.progress?.totalXp ?? null,
    PROGRESS_LEVEL: state.progress?.currentLevel ?? null,
    LICENSE_LEVEL: state.license?.currentLevel ?? null,
    LICENSE_MAX_ACHIEVED_LEVEL: state.license?.maxAchievedLevel ?? null,
  };
}

const side = (changes: FieldChange[], pick: 'before' | 'after') => Object.fromEntries(changes.map((c) => [c.field, c[pick]]));

// PLAYER thresholds: 1:0, 2:500, 3:1500, 4:3000 (see integrity-fixtures).
const CASES: Array<{ type: string; rows: PairRows; action: string; progress: string; license: string; after: Record<string, number | null> }> = [
  {
    type: 'LEVEL_MISMATCH',
    rows: { progress: { totalXp: 3200, level: 4 }, license: { level: 2, maxAchieved: 2 } },
    action: 'LICENSE_LEVEL_SYNCED',
    progress: 'UNCHANGED',
    license: 'UPDATED',
    after: { PROGRESS_TOTAL_XP: 3200, PROGRESS_LEVEL: 4, LICENSE_LEVEL: 4, LICENSE_MAX_ACHIEVED_LEVEL: 4 },
  },
  {
    type: 'MISSING_LICENSE',
    rows: { progress: { totalXp: 3200, level: 4 } },
    action: 'LICENSE_ISSUED',
    progress: 'UNCHANGED',
    license: 'CREATED',
    after: { PROGRESS_TOTAL_XP: 3200, PROGRESS_LEVEL: 4, LICENSE_LEVEL: 4, LICENSE_MAX_ACHIEVED_LEVEL: 4 },
  },
  {
    type: 'ORPHAN_LICENSE',
    rows: { license: { level: 3, maxAchieved: 5 } },
    action: 'PROGRESS_RESTORED',
    progress: 'CREATED',
    license: 'UNCHANGED',
    after: { PROGRESS_TOTAL_XP: 1500, PROGRESS_LEVEL: 3, LICENSE_LEVEL: 3, LICENSE_MAX_ACHIEVED_LEVEL: 5 },
  },
  {
    type: 'XP_LEVEL_MISMATCH',
    rows: { progress: { totalXp: 3200, level: 2 }, license: { level: 2, maxAchieved: 2 } },
    action: 'PROGRESS_LEVEL_RECOMPUTED',
    progress: 'UPDATED',
    license: 'UPDATED',
    after: { PROGRESS_TOTAL_XP: 3200, PROGRESS_LEVEL: 4, LICENSE_LEVEL: 4, LICENSE_MAX_ACHIEVED_LEVEL: 4 },
  },
];

describe('repairPreview', () => {
  let app: TestApp;
  let admin: string;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.adminToken();
  });
  afterAll(() => app.close());

  async function preview(studentId: number | string, specialization = 'PLAYER', token = admin) {
    return app.gql<{ repairPreview: Preview }>(PREVIEW, { studentId: String(studentId), specialization }, token);
  }

  async function pairRows(studentId: number): Promise<Record<string, number | null>> {
    const [progress] = await app.sql<{ total_xp: number; current_level: number }>(
      `select total_xp, current_level from specialization_progress where student_id = ? and specialization = 'PLAYER'`,
      [studentId],
    );
    const [license] = await app.sql<{ current_level: number; max_achieved_level: number }>(
      `select current_level, max_achieved_level from licenses where user_id = ? and specialization = 'PLAYER'`,
      [studentId],
    );
    return fieldsOf({
      progress: progress ? { totalXp: progress.total_xp, currentLevel: progress.current_level } : null,
      license: license ? { currentLevel: license.current_level, maxAchievedLevel: license.max_achieved_level } : null,
    });
  }

  describe('when the pair is broken', () => {
    for (const scenario of CASES) {
      it(`shows for ${scenario.type} exactly what resyncLicense then applies, and changes nothing itself`, async () => {
        const student = await insertStudent(app);
        await insertPair(app, student, 'PLAYER', scenario.rows);
        await app.services.integrity.run((await queueRun(app, 'MANUAL')).id);
        const rowsBefore = await pairRows(student);

        const fingerprint = await dbFingerprint(app);
        const { body } = await preview(student);
        expect(body.errors).toBeUndefined();
        expect(await dbFingerprint(app)).toBe(fingerprint);
        const shown = body.data!.repairPreview;
        expect(shown).toMatchObject({
          studentId: String(student),
          specialization: 'PLAYER',
          alreadyConsistent: false,
          action: scenario.action,
          violationType: scenario.type,
          progress: scenario.progress,
          license: scenario.license,
        });
        expect(side(shown.changes, 'before')).toEqual(rowsBefore);
        expect(side(shown.changes, 'after')).toEqual(scenario.after);
        for (const change of shown.changes) expect(change.changed).toBe(change.before !== change.after);
        const [violation] = await app.sql<{ type: string }>('select type from violations where student_id = ? and resolved_at is null', [student]);
        expect(violation!.type).toBe(scenario.type);

        const repaired = await app.gql<{ resyncLicense: { action: string; before: string; after: string } }>(
          RESYNC,
          { studentId: String(student), specialization: 'PLAYER' },
          admin,
        );
        expect(repaired.body.errors).toBeUndefined();
        const repair = repaired.body.data!.resyncLicense;
        expect(repair.action).toBe(shown.action);
        expect(fieldsOf(JSON.parse(repair.before) as PairJson)).toEqual(side(shown.changes, 'before'));
        expect(fieldsOf(JSON.parse(repair.after) as PairJson)).toEqual(side(shown.changes, 'after'));
        expect(await pairRows(student)).toEqual(side(shown.changes, 'after'));

        const again = (await preview(student)).body.data!.repairPreview;
        expect(again).toMatchObject({ alreadyConsistent: true, action: null, violationType: null, progress: 'UNCHANGED', license: 'UNCHANGED' });
        expect(side(again.changes, 'before')).toEqual(scenario.after);
        expect(again.changes.every((c) => !c.changed)).toBe(true);
      });
    }
  });

  describe('when the pair changes after the preview', () => {
    it('shows the new plan on the next preview, which is what the resync applies', async () => {
      const student = await insertStudent(app);
      await insertPair(app, student, 'PLAYER', { progress: { totalXp: 3200, level: 4 }, license: { level: 2, maxAchieved: 2 } });
      const first = (await preview(student)).body.data!.repairPreview;
      expect(side(first.changes, 'after').LICENSE_LEVEL).toBe(4);
      await app.sql(`update specialization_progress set total_xp = 6500 where student_id = ?`, [student]);
      const second = (await preview(student)).body.data!.repairPreview;
      expect(second.action).toBe('PROGRESS_LEVEL_RECOMPUTED');
      expect(side(second.changes, 'after')).toMatchObject({ PROGRESS_LEVEL: 5, LICENSE_LEVEL: 5 });
      const repaired = await app.gql<{ resyncLicense: { action: string; after: string } }>(RESYNC, { studentId: String(student), specialization: 'PLAYER' }, admin);
      expect(fieldsOf(JSON.parse(repaired.body.data!.resyncLicense.after) as PairJson)).toEqual(side(second.changes, 'after'));
    });
  });

  describe('who may ask', () => {
    it('refuses instructors and students with FORBIDDEN and anonymous callers with UNAUTHENTICATED', async () => {
      const student = await insertStudent(app);
      await insertPair(app, student, 'PLAYER', { license: { level: 2 } });
      const instructor = await app.createUser('INSTRUCTOR');
      const someStudent = await app.createUser('STUDENT');
      for (const token of [instructor.token, someStudent.token]) {
        const { status, body } = await preview(student, 'PLAYER', token);
        expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(body.data).toEqual({ repairPreview: null });
        expect(status).toBe(200);
      }
      const anonymous = await app.gql(PREVIEW, { studentId: String(student), specialization: 'PLAYER' });
      expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('bad input', () => {
    it('answers BAD_USER_INPUT for a malformed id or specialization, NOT_FOUND for an unknown student, CONFLICT for an unassigned pair (as resyncLicense)', async () => {
      const student = await insertStudent(app);
      await insertPair(app, student, 'PLAYER', { progress: { totalXp: 0, level: 1 } });
      for (const id of ['abc', '0', '-1', '99999999999']) {
        expect((await preview(id)).body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'studentId' });
      }
      expect((await preview(student, 'WIZARD')).body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect((await preview(999_999)).body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'studentId' });
      expect((await preview(student, 'COACH')).body.errors?.[0]?.extensions).toMatchObject({
        code: 'CONFLICT',
        reason: 'SPECIALIZATION_NOT_ASSIGNED',
      });
    });
  });
});
