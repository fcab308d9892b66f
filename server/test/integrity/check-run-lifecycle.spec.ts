import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TOPICS } from '../../src/domain/events/topics';
import type { CheckRunLifecycle } from '../../src/domain/integrity/check-run-lifecycle.service';
import type { CheckRunResults } from '../../src/domain/integrity/check-run.repository';
import type { CheckRunSnapshot } from '../../src/domain/integrity/integrity.types';
import { createIntegrityDomain, insertPair, insertStudent, queueRun, type IntegrityDomain } from './integrity-domain-fixtures';

const RESULTS: CheckRunResults = { pairsChecked: 10, inconsistent: 1, consistencyRate: 0.9, healthState: 'CRITICAL' };

describe('the check-run lifecycle', () => {
  let domain: IntegrityDomain;
  let lifecycle: CheckRunLifecycle;

  beforeAll(async () => {
    domain = await createIntegrityDomain();
    lifecycle = domain.services.checkRuns;
  });
  afterAll(() => domain.close());
  beforeEach(() => {
    domain.events.length = 0;
  });

  const published = (runId: number) =>
    domain.events.filter((e) => e.topic === TOPICS.CHECK_RUN_UPDATED).map((e) => e.payload as CheckRunSnapshot).filter((r) => r.id === runId);
  const healthEvents = () => domain.events.filter((e) => e.topic === TOPICS.HEALTH_STATUS_CHANGED);
  const terminal = (runs: CheckRunSnapshot[]) => runs.filter((r) => r.state === 'SUCCEEDED' || r.state === 'FAILED');
  const stored = async (runId: number) =>
    (await domain.sql<{ state: string; progress: number; error: string | null }>('select state, progress, error from check_runs where id = ?', [runId]))[0]!;

  describe('when an attempt starts, progresses and succeeds', () => {
    it('stores and publishes RUNNING, each step, then SUCCEEDED and the health it leaves', async () => {
      const run = await queueRun(domain, 'MANUAL');
      const started = await lifecycle.start(run.id);
      expect(started).toMatchObject({ state: 'RUNNING', progress: 0, error: null });
      expect(started.startedAt).toBeInstanceOf(Date);
      expect(await lifecycle.progress(run.id, 0.5)).toMatchObject({ state: 'RUNNING', progress: 0.5 });
      // Chunks finish out of order: an earlier step arriving late never moves the bar back.
      expect(await lifecycle.progress(run.id, 0.25)).toMatchObject({ progress: 0.5 });
      const done = await lifecycle.succeed(run.id, RESULTS);
      expect(done).toMatchObject({ state: 'SUCCEEDED', progress: 1, error: null, pairsChecked: 10, healthState: 'CRITICAL' });

      expect(published(run.id).map((r) => [r.state, r.progress])).toEqual([
        ['RUNNING', 0],
        ['RUNNING', 0.5],
        ['RUNNING', 0.5],
        ['SUCCEEDED', 1],
      ]);
      expect(domain.events.at(-1)!.topic).toBe(TOPICS.HEALTH_STATUS_CHANGED);
    });
  });

  describe('when an attempt fails with attempts left', () => {
    it('keeps the run RUNNING with the error and progress back at 0, and publishes no terminal state nor health', async () => {
      const run = await queueRun(domain, 'MANUAL');
      await lifecycle.start(run.id);
      await lifecycle.progress(run.id, 0.6);
      const retrying = await lifecycle.failAttempt(run.id, 'Integrity check failed: boom', { number: 1, of: 3 });
      expect(retrying).toMatchObject({ state: 'RUNNING', progress: 0, error: 'Attempt 1 of 3 failed: Integrity check failed: boom', finishedAt: null });
      expect(await stored(run.id)).toMatchObject({ state: 'RUNNING', progress: 0 });
      expect(terminal(published(run.id))).toEqual([]);
      expect(healthEvents()).toEqual([]);
    });

    it('lets the retry start on the same run (start time and error kept), progress from 0, and succeed once', async () => {
      const run = await queueRun(domain, 'AUTO_SYNC');
      const first = await lifecycle.start(run.id);
      await lifecycle.progress(run.id, 0.8);
      await lifecycle.failAttempt(run.id, 'Auto-sync failed after 0 repairs: boom', { number: 1, of: 2 });
      const retry = await lifecycle.start(run.id);
      expect(retry).toMatchObject({ state: 'RUNNING', progress: 0, error: 'Attempt 1 of 2 failed: Auto-sync failed after 0 repairs: boom' });
      expect(retry.startedAt).toEqual(first.startedAt);
      expect(await lifecycle.progress(run.id, 0.3)).toMatchObject({ progress: 0.3 });
      await lifecycle.succeed(run.id, RESULTS);

      const states = published(run.id);
      expect(states.map((r) => r.state)).not.toContain('FAILED');
      expect(terminal(states)).toHaveLength(1);
      expect(states.map((r) => [r.state, r.progress, r.error !== null])).toEqual([
        ['RUNNING', 0, false],
        ['RUNNING', 0.8, false],
        ['RUNNING', 0, true],
        ['RUNNING', 0, true],
        ['RUNNING', 0.3, true],
        ['SUCCEEDED', 1, false],
      ]);
    });
  });

  describe('when the last attempt fails', () => {
    it('ends the run FAILED with the message, once', async () => {
      const run = await queueRun(domain, 'MANUAL');
      await lifecycle.start(run.id);
      await lifecycle.failAttempt(run.id, 'first', { number: 1, of: 2 });
      await lifecycle.start(run.id);
      const failed = await lifecycle.failAttempt(run.id, 'Integrity check failed: again', { number: 2, of: 2 });
      expect(failed).toMatchObject({ state: 'FAILED', error: 'Integrity check failed: again' });
      expect(failed!.finishedAt).toBeInstanceOf(Date);
      expect(terminal(published(run.id))).toHaveLength(1);
      expect(healthEvents()).toHaveLength(1);
    });
  });

  describe('when a run has finished', () => {
    it('never goes back: no transition changes it, nothing more is published', async () => {
      const succeeded = await queueRun(domain, 'MANUAL');
      await lifecycle.start(succeeded.id);
      await lifecycle.succeed(succeeded.id, RESULTS);
      const failed = await queueRun(domain, 'AUTO_SYNC');
      await lifecycle.fail(failed.id, 'The job of this run was lost from the queue.');
      domain.events.length = 0;

      for (const run of [succeeded, failed]) {
        const before = await stored(run.id);
        await expect(lifecycle.start(run.id)).rejects.toThrow(/already finished/);
        await expect(lifecycle.succeed(run.id, RESULTS)).rejects.toThrow(/already finished/);
        expect(await lifecycle.progress(run.id, 0.9)).toBeNull();
        expect(await lifecycle.failAttempt(run.id, 'late', { number: 1, of: 3 })).toBeNull();
        expect(await lifecycle.failAttempt(run.id, 'late', { number: 3, of: 3 })).toBeNull();
        expect(await lifecycle.fail(run.id, 'late')).toBeNull();
        expect(await stored(run.id)).toEqual(before);
      }
      expect(domain.events).toEqual([]);
    });

    it('is not restarted by a late job of the same run (e.g. one the queue gave up, then resumed)', async () => {
      const run = await queueRun(domain, 'SCHEDULED', 'repeat:integrity-check:late');
      await lifecycle.start(run.id);
      expect(await lifecycle.failJob('repeat:integrity-check:late', 'job stalled more than allowable limit')).toMatchObject({ state: 'FAILED' });
      expect(await lifecycle.runOfJob('repeat:integrity-check:late', 'SCHEDULED')).toMatchObject({ id: run.id, state: 'FAILED' });
      expect(await lifecycle.failJob('repeat:integrity-check:late', 'again')).toBeNull();
      expect(terminal(published(run.id))).toHaveLength(1);
    });
  });

  describe('when a check throws with attempts left (the domain service and the lifecycle together)', () => {
    it('rethrows for the job to retry, leaves the run RUNNING with the error, and the retry succeeds on it', async () => {
      await insertPair(domain, await insertStudent(domain), 'PLAYER', { progress: { totalXp: 0, level: 1 }, license: { level: 1 } });
      const run = await queueRun(domain, 'MANUAL');
      await domain.sql('alter table violations rename to violations_away');
      try {
        await expect(domain.services.integrity.run(run.id, { attempt: { number: 1, of: 2 } })).rejects.toThrow(/violations/);
      } finally {
        await domain.sql('alter table violations_away rename to violations');
      }
      expect(await stored(run.id)).toMatchObject({ state: 'RUNNING', progress: 0, error: expect.stringMatching(/^Attempt 1 of 2 failed: Integrity check failed: .*violations/) });
      const done = await domain.services.integrity.run(run.id, { attempt: { number: 2, of: 2 } });
      expect(done).toMatchObject({ id: run.id, state: 'SUCCEEDED', error: null });
      expect(published(run.id).map((r) => r.state)).not.toContain('FAILED');
      expect(terminal(published(run.id))).toHaveLength(1);
    });
  });

  describe('when the process has no job queue', () => {
    it('refuses "check now" without reserving a run', async () => {
      const [{ n: before }] = await domain.sql<{ n: number }>('select count(*)::int as n from check_runs');
      await expect(lifecycle.requestCheck('MANUAL')).rejects.toThrow(/no job queue/);
      const [{ n: after }] = await domain.sql<{ n: number }>('select count(*)::int as n from check_runs');
      expect(after).toBe(before);
    });
  });
});
