import { actorOrigin } from '../../src/domain/audit/audit.types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Specialization } from '../../src/domain/shared/specialization';
import {
  createIntegrityDomain,
  insertPair,
  insertStudent,
  PLAYER_XP,
  queueRun,
  runCheck,
  violationsOf,
  type IntegrityDomain,
} from './integrity-domain-fixtures';

interface RepairRow {
  student_id: number;
  specialization: Specialization;
  trigger: string;
  action: string;
  job_id: string | null;
  actor_id: number | null;
  violation_id: number | null;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

async function pairOf(domain: IntegrityDomain, studentId: number, specialization: Specialization) {
  const [progress] = await domain.sql<{ total_xp: number; current_level: number }>(
    'select total_xp, current_level from specialization_progress where student_id = ? and specialization = ?',
    [studentId, specialization],
  );
  const [license] = await domain.sql<{ current_level: number; max_achieved_level: number }>(
    'select current_level, max_achieved_level from licenses where user_id = ? and specialization = ?',
    [studentId, specialization],
  );
  return { progress: progress ?? null, license: license ?? null };
}

describe('auto-sync', () => {
  let domain: IntegrityDomain;
  const s = { levelMismatch: 0, missingLicense: 0, orphanLicense: 0, xpMismatch: 0, demoted: 0, fixedMeanwhile: 0 };

  beforeAll(async () => {
    domain = await createIntegrityDomain();
    for (const key of Object.keys(s) as Array<keyof typeof s>) s[key] = await insertStudent(domain);
    await insertPair(domain, s.levelMismatch, 'PLAYER', { progress: { totalXp: 600, level: 2 }, license: { level: 1, maxAchieved: 1 } });
    await insertPair(domain, s.missingLicense, 'COACH', { progress: { totalXp: 900, level: 2 } });
    await insertPair(domain, s.orphanLicense, 'PLAYER', { license: { level: 4, maxAchieved: 5 } });
    await insertPair(domain, s.xpMismatch, 'PLAYER', { progress: { totalXp: 3100, level: 2 }, license: { level: 2 } });
    // Progress says level 3 but the license claims 5 (and once reached 6): the license comes down, its max stays.
    await insertPair(domain, s.demoted, 'PLAYER', { progress: { totalXp: 1600, level: 3 }, license: { level: 5, maxAchieved: 6 } });
    await insertPair(domain, s.fixedMeanwhile, 'PLAYER', { progress: { totalXp: 600, level: 2 }, license: { level: 1 } });
    await runCheck(domain, domain.services);
    expect(await domain.sql('select 1 from violations where resolved_at is null')).toHaveLength(6);
  });
  afterAll(() => domain.close());

  describe('when every violation type is open', () => {
    let repaired: number;
    let runId: number;
    beforeAll(async () => {
      // Fixed by someone else between the check and the sync: must not be "repaired" again.
      await domain.sql('update licenses set current_level = 2, max_achieved_level = 2 where user_id = ?', [s.fixedMeanwhile]);
      const run = await queueRun(domain, 'AUTO_SYNC', 'job-sync-1');
      runId = run.id;
      repaired = await domain.services.repairs.autoSync(run.id, 'job-sync-1');
    });

    it('repairs each broken pair once and counts it', () => {
      expect(repaired).toBe(5);
    });

    it('sets the license to the progress level (LEVEL_MISMATCH)', async () => {
      expect(await pairOf(domain, s.levelMismatch, 'PLAYER')).toEqual({
        progress: { total_xp: 600, current_level: 2 },
        license: { current_level: 2, max_achieved_level: 2 },
      });
    });

    it('issues the missing license at the progress level (MISSING_LICENSE)', async () => {
      expect((await pairOf(domain, s.missingLicense, 'COACH')).license).toEqual({ current_level: 2, max_achieved_level: 2 });
    });

    it("restores progress at the orphan license's level with that level's minimum XP (ORPHAN_LICENSE)", async () => {
      expect(await pairOf(domain, s.orphanLicense, 'PLAYER')).toEqual({
        progress: { total_xp: PLAYER_XP[4], current_level: 4 },
        license: { current_level: 4, max_achieved_level: 5 },
      });
    });

    it('recomputes the progress level from XP and moves the license with it (XP_LEVEL_MISMATCH)', async () => {
      expect(await pairOf(domain, s.xpMismatch, 'PLAYER')).toEqual({
        progress: { total_xp: 3100, current_level: 4 },
        license: { current_level: 4, max_achieved_level: 4 },
      });
    });

    it('keeps the highest level ever achieved when a license comes down', async () => {
      expect((await pairOf(domain, s.demoted, 'PLAYER')).license).toEqual({ current_level: 3, max_achieved_level: 6 });
    });

    it('audits every repair with the job id, before and after, and the violation it resolved', async () => {
      const rows = await domain.sql<RepairRow>('select * from repairs order by id');
      expect(rows).toHaveLength(5);
      expect(rows.every((r) => r.trigger === 'AUTO_SYNC' && r.job_id === 'job-sync-1' && r.actor_id === null)).toBe(true);
      const byStudent = new Map(rows.map((r) => [r.student_id, r]));
      expect(byStudent.get(s.levelMismatch)).toMatchObject({
        action: 'LICENSE_LEVEL_SYNCED',
        before: { progress: { totalXp: 600, currentLevel: 2 }, license: { currentLevel: 1, maxAchievedLevel: 1 } },
        after: { progress: { totalXp: 600, currentLevel: 2 }, license: { currentLevel: 2, maxAchievedLevel: 2 } },
      });
      expect(byStudent.get(s.missingLicense)).toMatchObject({ action: 'LICENSE_ISSUED', before: { license: null } });
      expect(byStudent.get(s.orphanLicense)).toMatchObject({
        action: 'PROGRESS_RESTORED',
        before: { progress: null },
        after: { progress: { totalXp: PLAYER_XP[4], currentLevel: 4 } },
      });
      expect(byStudent.get(s.xpMismatch)).toMatchObject({ action: 'PROGRESS_LEVEL_RECOMPUTED' });
      expect(byStudent.has(s.fixedMeanwhile)).toBe(false);
      const violations = await violationsOf(domain);
      for (const repair of rows) {
        const linked = violations.find((v) => v.id === repair.violation_id);
        expect(linked).toMatchObject({ student_id: repair.student_id, specialization: repair.specialization });
      }
    });

    it('resolves every violation, then checks: the run ends SUCCEEDED, consistent, with its repair count', async () => {
      expect(await domain.sql('select 1 from violations where resolved_at is null')).toHaveLength(0);
      const [run] = await domain.sql<{ state: string; repairs_applied: number; inconsistent: number; trigger: string }>(
        'select state, repairs_applied, inconsistent, trigger from check_runs where id = ?',
        [runId],
      );
      expect(run).toEqual({ state: 'SUCCEEDED', repairs_applied: 5, inconsistent: 0, trigger: 'AUTO_SYNC' });
    });
  });

  describe('when it runs a second time', () => {
    it('repairs nothing twice', async () => {
      const run = await queueRun(domain, 'AUTO_SYNC', 'job-sync-2');
      expect(await domain.services.repairs.autoSync(run.id, 'job-sync-2')).toBe(0);
      expect(await domain.sql('select 1 from repairs')).toHaveLength(5);
    });
  });

  describe('when the repairs fail', () => {
    it('ends the run FAILED with a readable message and rethrows it for the job to retry', async () => {
      const run = await queueRun(domain, 'AUTO_SYNC', 'job-sync-failing');
      await domain.sql('alter table repairs rename to repairs_away');
      const broken = await insertStudent(domain);
      await insertPair(domain, broken, 'COACH', { progress: { totalXp: 0, level: 1 }, license: { level: 2 } });
      await runCheck(domain, domain.services);
      try {
        await expect(domain.services.repairs.autoSync(run.id, 'job-sync-failing')).rejects.toThrow(/^Auto-sync failed after 0 repairs: .*repairs/);
      } finally {
        await domain.sql('alter table repairs_away rename to repairs');
      }
      const [stored] = await domain.sql<{ state: string; error: string }>('select state, error from check_runs where id = ?', [run.id]);
      expect(stored!.state).toBe('FAILED');
      expect(stored!.error).toMatch(/relation "repairs" does not exist \(SQLSTATE 42P01\)$/);
      expect(stored!.error).not.toMatch(/insert into/);
      // The pair was left as it was (its repair rolled back with the audit that failed).
      expect(await domain.sql('select 1 from licenses where user_id = ? and current_level = 2', [broken])).toHaveLength(1);
      await runCheck(domain, domain.services);
      const retry = await queueRun(domain, 'AUTO_SYNC', 'job-sync-failing-retry');
      expect(await domain.services.repairs.autoSync(retry.id, 'job-sync-failing-retry')).toBe(1);
    });
  });

  describe('when repairs race the enforcer on the same pairs', () => {
    it('neither deadlocks nor loses an update, and leaves every pair consistent', async () => {
      const admin = { id: 1, role: 'ADMIN' as const };
      const ids: number[] = [];
      for (let i = 0; i < 12; i += 1) {
        const id = await insertStudent(domain);
        ids.push(id);
        await insertPair(domain, id, 'INTERNSHIP', { progress: { totalXp: 1200, level: 2 }, license: { level: 1, maxAchieved: 1 } });
      }
      const outcomes = await Promise.allSettled(
        ids.flatMap((id) => [
          domain.services.progress.update(admin, { studentId: String(id), specialization: 'INTERNSHIP', xpChange: 1000 }),
          domain.services.repairs.resyncLicense(actorOrigin(admin.id), String(id), 'INTERNSHIP'),
          domain.services.progress.update(admin, { studentId: String(id), specialization: 'INTERNSHIP', xpChange: 1000 }),
          domain.services.repairs.resyncLicense(actorOrigin(admin.id), String(id), 'INTERNSHIP'),
        ]),
      );
      const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as { code?: string; details?: { reason?: string } }] : []));
      // The only acceptable refusal: the enforcer got there first and the pair was already consistent.
      expect(failures.every((f) => f.code === 'CONFLICT' && f.details?.reason === 'ALREADY_CONSISTENT')).toBe(true);
      const rows = await domain.sql<{ total_xp: number; p: number; l: number }>(
        `select sp.total_xp, sp.current_level as p, li.current_level as l from specialization_progress sp
         join licenses li on li.user_id = sp.student_id and li.specialization = sp.specialization
         where sp.student_id = any(?) and sp.specialization = 'INTERNSHIP'`,
        [ids],
      );
      expect(rows).toHaveLength(12);
      expect(rows.every((r) => r.total_xp === 3200 && r.p === 3 && r.l === 3)).toBe(true);
    });
  });

  describe('when auto-sync races the enforcer on the pairs it repairs', () => {
    it('neither deadlocks nor loses an update, and every pair ends consistent', async () => {
      const admin = { id: 1, role: 'ADMIN' as const };
      const ids: number[] = [];
      for (let i = 0; i < 30; i += 1) {
        const id = await insertStudent(domain);
        ids.push(id);
        await insertPair(domain, id, 'COACH', { progress: { totalXp: 900, level: 2 }, license: { level: 1, maxAchieved: 1 } });
      }
      await runCheck(domain, domain.services);
      const run = await queueRun(domain, 'AUTO_SYNC', 'job-sync-race');
      const [repaired] = await Promise.all([
        domain.services.repairs.autoSync(run.id, 'job-sync-race'),
        ...ids.map((id) => domain.services.progress.update(admin, { studentId: String(id), specialization: 'COACH', xpChange: 1200 })),
      ]);
      // Pairs the enforcer reached first were consistent when auto-sync locked them: not repaired.
      expect(repaired).toBeLessThanOrEqual(30);
      const rows = await domain.sql<{ total_xp: number; p: number; l: number }>(
        `select sp.total_xp, sp.current_level as p, li.current_level as l from specialization_progress sp
         join licenses li on li.user_id = sp.student_id and li.specialization = sp.specialization
         where sp.student_id = any(?) and sp.specialization = 'COACH'`,
        [ids],
      );
      expect(rows.every((r) => r.total_xp === 2100 && r.p === 3 && r.l === 3)).toBe(true);
      expect(await domain.sql('select 1 from violations where student_id = any(?) and resolved_at is null', [ids])).toHaveLength(0);
    });
  });

  describe('when a check races concurrent progress updates', () => {
    it('finds no violation, so auto-sync has nothing to repair', async () => {
      const admin = { id: 1, role: 'ADMIN' as const };
      const ids: number[] = [];
      for (let i = 0; i < 20; i += 1) {
        const id = await insertStudent(domain);
        ids.push(id);
        await domain.services.progress.assign(String(id), 'COACH');
      }
      const updates = (async () => {
        for (let round = 0; round < 15; round += 1) {
          await Promise.all(ids.map((id) => domain.services.progress.update(admin, { studentId: String(id), specialization: 'COACH', xpChange: 137 })));
        }
      })();
      const checks = (async () => {
        for (let i = 0; i < 5; i += 1) expect((await runCheck(domain, domain.services)).inconsistent).toBe(0);
      })();
      await Promise.all([updates, checks]);
      const run = await queueRun(domain, 'AUTO_SYNC', 'job-sync-3');
      expect(await domain.services.repairs.autoSync(run.id, 'job-sync-3')).toBe(0);
      const [{ levels }] = (await domain.sql<{ levels: number }>(
        `select count(*)::int as levels from specialization_progress where student_id = any(?) and current_level > 1`,
        [ids],
      )) as [{ levels: number }];
      expect(levels).toBe(20);
    });
  });
});
