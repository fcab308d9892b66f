import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOPICS } from '../../src/domain/events/topics';
import type { CheckRunSnapshot, HealthStatusSnapshot } from '../../src/domain/integrity/integrity.types';
import {
  createIntegrityDomain,
  insertPair,
  insertStudent,
  queueRun,
  runCheck,
  violationsOf,
  type IntegrityDomain,
} from './integrity-domain-fixtures';

describe('integrity check', () => {
  let domain: IntegrityDomain;
  const students = { consistent: 0, levelMismatch: 0, missingLicense: 0, orphanLicense: 0, xpMismatch: 0 };

  beforeAll(async () => {
    domain = await createIntegrityDomain();
    for (const key of Object.keys(students) as Array<keyof typeof students>) students[key] = await insertStudent(domain);
    await insertPair(domain, students.consistent, 'PLAYER', { progress: { totalXp: 1600, level: 3 }, license: { level: 3 } });
    await insertPair(domain, students.levelMismatch, 'PLAYER', { progress: { totalXp: 600, level: 2 }, license: { level: 1, maxAchieved: 2 } });
    await insertPair(domain, students.missingLicense, 'COACH', { progress: { totalXp: 900, level: 2 } });
    await insertPair(domain, students.orphanLicense, 'INTERNSHIP', { license: { level: 3 } });
    await insertPair(domain, students.xpMismatch, 'PLAYER', { progress: { totalXp: 3100, level: 2 }, license: { level: 2 } });
  });
  afterAll(() => domain.close());

  describe('when each violation type is injected', () => {
    let run: CheckRunSnapshot;
    beforeAll(async () => {
      run = await runCheck(domain, domain.services);
    });

    it('records the run with pairs checked, inconsistent pairs, rate and health', () => {
      expect(run).toMatchObject({ state: 'SUCCEEDED', progress: 1, pairsChecked: 5, inconsistent: 4, healthState: 'CRITICAL', error: null });
      expect(run.consistencyRate).toBeCloseTo(0.2);
      expect(run.startedAt).toBeInstanceOf(Date);
      expect(run.finishedAt!.getTime()).toBeGreaterThanOrEqual(run.startedAt!.getTime());
      expect(run.durationMs).toBeGreaterThanOrEqual(0);
    });

    it('opens exactly that violation for each pair, with its levels and XP', async () => {
      const open = await violationsOf(domain);
      const summary = open.map((v) => ({
        student: v.student_id,
        specialization: v.specialization,
        type: v.type,
        progress: v.progress_level,
        license: v.license_level,
        xp: v.total_xp,
      }));
      expect(summary).toEqual(
        expect.arrayContaining([
          { student: students.levelMismatch, specialization: 'PLAYER', type: 'LEVEL_MISMATCH', progress: 2, license: 1, xp: 600 },
          { student: students.missingLicense, specialization: 'COACH', type: 'MISSING_LICENSE', progress: 2, license: null, xp: 900 },
          { student: students.orphanLicense, specialization: 'INTERNSHIP', type: 'ORPHAN_LICENSE', progress: null, license: 3, xp: null },
          { student: students.xpMismatch, specialization: 'PLAYER', type: 'XP_LEVEL_MISMATCH', progress: 2, license: 2, xp: 3100 },
        ]),
      );
      expect(open).toHaveLength(4);
      expect(open.every((v) => v.resolved_at === null && v.first_run_id === run.id && v.last_run_id === run.id)).toBe(true);
    });
  });

  describe('when a violation persists into the next check', () => {
    it('refreshes it (last seen, last run) instead of opening a duplicate', async () => {
      const [before] = await violationsOf(domain, students.levelMismatch);
      await domain.sql('update licenses set current_level = 1, max_achieved_level = 3 where user_id = ?', [students.levelMismatch]);
      await domain.sql('update specialization_progress set current_level = 3, total_xp = 1500 where student_id = ?', [students.levelMismatch]);
      const second = await runCheck(domain, domain.services);
      const rows = await violationsOf(domain, students.levelMismatch);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ id: before!.id, progress_level: 3, license_level: 1, total_xp: 1500, last_run_id: second.id });
      expect(rows[0]!.first_seen_at).toEqual(before!.first_seen_at);
      expect(new Date(rows[0]!.last_seen_at).getTime()).toBeGreaterThan(new Date(before!.last_seen_at).getTime());
    });
  });

  describe('when the data is fixed before the next check', () => {
    it('resolves the violation and keeps its first and last seen', async () => {
      const [before] = await violationsOf(domain, students.levelMismatch);
      await domain.sql('update licenses set current_level = 3 where user_id = ?', [students.levelMismatch]);
      const third = await runCheck(domain, domain.services);
      const [after] = await violationsOf(domain, students.levelMismatch);
      expect(after).toMatchObject({ id: before!.id, first_seen_at: before!.first_seen_at, last_seen_at: before!.last_seen_at });
      expect(after!.resolved_at).not.toBeNull();
      expect(third).toMatchObject({ pairsChecked: 5, inconsistent: 3 });
    });

    it('opens a new violation if the same drift comes back later', async () => {
      await domain.sql('update licenses set current_level = 1 where user_id = ?', [students.levelMismatch]);
      await runCheck(domain, domain.services);
      const rows = await violationsOf(domain, students.levelMismatch);
      expect(rows).toHaveLength(2);
      expect(rows.filter((v) => v.resolved_at === null)).toHaveLength(1);
    });
  });

  describe('when XP is beyond the top level', () => {
    it('expects the top level (capped), so the pair is consistent', async () => {
      const veteran = await insertStudent(domain);
      await insertPair(domain, veteran, 'PLAYER', { progress: { totalXp: 900_000, level: 8 }, license: { level: 8 } });
      await insertPair(domain, veteran, 'INTERNSHIP', { progress: { totalXp: 10_000, level: 5 }, license: { level: 5 } });
      await insertPair(domain, veteran, 'COACH', { progress: { totalXp: 26_999, level: 8 }, license: { level: 8 } });
      await runCheck(domain, domain.services);
      const open = (await violationsOf(domain, veteran)).filter((v) => v.resolved_at === null);
      expect(open.map((v) => [v.specialization, v.type])).toEqual([['COACH', 'XP_LEVEL_MISMATCH']]);
      expect(open[0]).toMatchObject({ progress_level: 8, total_xp: 26_999 });
    });
  });

  describe('when a pair disappears entirely', () => {
    it('resolves its open violation', async () => {
      const gone = await insertStudent(domain);
      await insertPair(domain, gone, 'COACH', { license: { level: 2 } });
      await runCheck(domain, domain.services);
      expect((await violationsOf(domain, gone))[0]!.resolved_at).toBeNull();
      await domain.sql('delete from licenses where user_id = ?', [gone]);
      await runCheck(domain, domain.services);
      expect((await violationsOf(domain, gone))[0]!.resolved_at).not.toBeNull();
    });
  });

  describe('when a run progresses', () => {
    it('stores, then publishes every state change and progress step, then the health', async () => {
      // Students far apart in id, so the span is cut into many chunks.
      await insertPair(domain, await insertStudent(domain, 400_000), 'PLAYER', { progress: { totalXp: 0, level: 1 }, license: { level: 1 } });
      domain.events.length = 0;
      const queued = await queueRun(domain, 'SCHEDULED');
      const steps: number[] = [];
      const done = await domain.services.integrity.run(queued.id, { onProgress: (p) => void steps.push(p) });

      const runs = domain.events.filter((e) => e.topic === TOPICS.CHECK_RUN_UPDATED).map((e) => e.payload as CheckRunSnapshot);
      expect(runs[0]).toMatchObject({ id: queued.id, state: 'RUNNING', progress: 0 });
      expect(runs.at(-1)).toEqual(done);
      const progress = runs.filter((r) => r.state === 'RUNNING').map((r) => r.progress);
      expect(progress.length).toBeGreaterThan(10);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      expect(steps.at(-1)).toBe(1);

      const health = domain.events.filter((e) => e.topic === TOPICS.HEALTH_STATUS_CHANGED);
      expect(health).toHaveLength(1);
      expect(domain.events.at(-1)!.topic).toBe(TOPICS.HEALTH_STATUS_CHANGED);
      expect((health[0]!.payload as HealthStatusSnapshot).lastRun).toEqual(done);
    });
  });

  describe('when reporting progress fails (e.g. the job lost its lock)', () => {
    it('ends the run FAILED with that reason and rethrows it', async () => {
      const queued = await queueRun(domain, 'SCHEDULED');
      const onProgress = (p: number) => {
        if (p > 0.3) throw new Error('Missing lock for job 42');
      };
      await expect(domain.services.integrity.run(queued.id, { onProgress })).rejects.toThrow('Missing lock for job 42');
      const [stored] = await domain.sql<{ state: string; error: string }>('select state, error from check_runs where id = ?', [queued.id]);
      expect(stored).toEqual({ state: 'FAILED', error: 'Integrity check failed: Missing lock for job 42' });
    });
  });

  describe('when the check fails', () => {
    it('ends the run FAILED with a readable message, publishes it, and rethrows', async () => {
      const queued = await queueRun(domain, 'MANUAL');
      domain.events.length = 0;
      await domain.sql('alter table violations rename to violations_away');
      try {
        await expect(domain.services.integrity.run(queued.id)).rejects.toThrow(/violations/);
      } finally {
        await domain.sql('alter table violations_away rename to violations');
      }
      const failed = domain.events.map((e) => e.payload as CheckRunSnapshot).find((r) => r.state === 'FAILED');
      expect(failed).toMatchObject({ id: queued.id, state: 'FAILED' });
      expect(failed!.error).toMatch(/^Integrity check failed: .*violations/);
      expect(failed!.finishedAt).toBeInstanceOf(Date);
    });
  });
});
