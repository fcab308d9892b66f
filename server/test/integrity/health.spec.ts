import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planChunks } from '../../src/domain/integrity/integrity-check.service';
import type { DomainServices } from '../../src/domain/services';
import { createIntegrityDomain, insertPair, insertStudent, runCheck, type IntegrityDomain } from './integrity-domain-fixtures';

describe('health', () => {
  let domain: IntegrityDomain;
  let services: DomainServices;
  const students: number[] = [];

  beforeAll(async () => {
    domain = await createIntegrityDomain();
    services = await domain.withEnv({ HEALTHY_THRESHOLD: '0.9', DEGRADED_THRESHOLD: '0.7' });
  });
  afterAll(() => domain.close());

  /** Breaks the license of the first `broken` of ten consistent students. */
  async function withBroken(broken: number) {
    await domain.sql('update licenses set current_level = 1');
    await domain.sql('update licenses set current_level = 2 where user_id = any(?)', [students.slice(0, broken)]);
    return runCheck(domain, services);
  }

  it('is UNKNOWN before any run', async () => {
    expect(await services.health.status()).toEqual({ state: 'UNKNOWN', consistencyRate: null, lastRun: null, activeRun: null, nextScheduledAt: null, liveDetection: false, liveDetectionState: 'OFF', detectionLagMs: null });
    expect(await services.health.metrics()).toMatchObject({ pairsChecked: 0, openViolations: 0, checksLast24h: 0, lastCheckDurationMs: null });
  });

  it('counts a run over no pairs as 100 % consistent', async () => {
    expect(await runCheck(domain, services)).toMatchObject({ pairsChecked: 0, inconsistent: 0, consistencyRate: 1, healthState: 'HEALTHY' });
  });

  describe('with configured thresholds (healthy ≥ 0.9, degraded ≥ 0.7)', () => {
    beforeAll(async () => {
      for (let i = 0; i < 10; i += 1) {
        const id = await insertStudent(domain);
        students.push(id);
        await insertPair(domain, id, 'PLAYER', { progress: { totalXp: 0, level: 1 }, license: { level: 1, maxAchieved: 2 } });
      }
    });

    it.each([
      [0, 1, 'HEALTHY'],
      [1, 0.9, 'HEALTHY'],
      [2, 0.8, 'DEGRADED'],
      [3, 0.7, 'DEGRADED'],
      [4, 0.6, 'CRITICAL'],
    ])('with %i of 10 pairs broken: rate %d is %s', async (broken, rate, state) => {
      const run = await withBroken(broken);
      expect(run.consistencyRate).toBeCloseTo(rate);
      expect(run.healthState).toBe(state);
      const status = await services.health.status();
      expect(status).toMatchObject({ state, lastRun: run, activeRun: null });
      expect(status.consistencyRate).toBeCloseTo(rate);
    });

    it('reports metrics from the stored runs and open violations', async () => {
      const last = await withBroken(3);
      const metrics = await services.health.metrics();
      expect(metrics).toMatchObject({ pairsChecked: 10, openViolations: 3, lastCheckDurationMs: last.durationMs });
      expect(metrics.openViolationsByType).toEqual([
        { type: 'LEVEL_MISMATCH', count: 3 },
        { type: 'MISSING_LICENSE', count: 0 },
        { type: 'ORPHAN_LICENSE', count: 0 },
        { type: 'XP_LEVEL_MISMATCH', count: 0 },
      ]);
      expect(metrics.checksLast24h).toBeGreaterThanOrEqual(7);
      expect(metrics.averageConsistencyRate).toBeGreaterThan(0);
    });

    it('serves cached reads until invalidated', async () => {
      const cached = await services.health.metrics();
      await domain.sql('update violations set resolved_at = now() where resolved_at is null');
      expect(await services.health.metrics()).toEqual(cached);
      services.health.invalidate();
      expect((await services.health.metrics()).openViolations).toBe(0);
    });

    it('judges health on the latest successful run, while lastRun shows a failed one', async () => {
      const good = await withBroken(2);
      const [failed] = await domain.sql<{ id: number }>(
        `insert into check_runs (trigger, state, finished_at, error) values ('MANUAL', 'FAILED', now() + interval '1 second', 'boom') returning id`,
      );
      services.health.invalidate();
      const status = await services.health.status();
      expect(status.state).toBe(good.healthState);
      expect(status.lastRun).toMatchObject({ id: failed!.id, state: 'FAILED' });
    });
  });
});

describe('planChunks', () => {
  it('covers the whole student-id span with contiguous ranges, at most 50', () => {
    for (const [lo, hi] of [[1, 1], [1, 10], [5, 20_004], [1, 1_000_000], [7, 99_999_999]] as const) {
      const chunks = planChunks({ lo, hi });
      expect(chunks[0]!.lo).toBe(lo);
      expect(chunks.at(-1)!.hi).toBe(hi + 1);
      expect(chunks.length).toBeLessThanOrEqual(50);
      for (let i = 1; i < chunks.length; i += 1) expect(chunks[i]!.lo).toBe(chunks[i - 1]!.hi);
    }
    expect(planChunks(null)).toEqual([]);
  });
});
