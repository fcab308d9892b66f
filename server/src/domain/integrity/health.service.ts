import type { IntegrityJobs } from '../jobs/integrity-jobs';
import type { LiveDetectionRepository } from '../live/live-detection.repository';
import { consistencyRate, healthStateFor, type HealthThresholds } from './health-state';
import type { CheckRunRepository } from './check-run.repository';
import { VIOLATION_TYPES, type HealthStatusSnapshot, type ViolationType } from './integrity.types';
import type { IntegrityStatsRepository } from './integrity-stats.repository';

export interface HealthMetricsSnapshot {
  /** Pairs in the latest successful check (0 before the first). */
  pairsChecked: number;
  openViolations: number;
  /** Every type, zero included, in the contract's order. */
  openViolationsByType: Array<{ type: ViolationType; count: number }>;
  checksLast24h: number;
  repairsLast24h: number;
  lastCheckDurationMs: number | null;
  /** Mean consistency of the successful checks finished in the last 24 hours. */
  averageConsistencyRate: number | null;
  /** Pairs the sweeps of the last 24 hours found that live detection had missed (each one a bug). */
  missedByLiveDetectionLast24h: number;
}

/**
 * A safety net only: the owner of the events calls `invalidate()` when a run finishes or a repair
 * happens (in every API process), so cached reads are normally fresh to the event.
 */
const CACHE_TTL_MS = 5_000;

interface Cached<T> {
  value: Promise<T>;
  at: number;
}

function liveConsistencyRate(pairs: number, openPairs: number): number {
  return consistencyRate(pairs, Math.min(pairs, openPairs));
}

/** Dashboard reads from stored run results and a few indexed counts, cached in memory. */
export class HealthService {
  private statusCache: Cached<HealthStatusSnapshot> | null = null;
  private metricsCache: Cached<HealthMetricsSnapshot> | null = null;

  constructor(
    private readonly runs: CheckRunRepository,
    private readonly stats: IntegrityStatsRepository,
    private readonly jobs: IntegrityJobs | null,
    private readonly live: Pick<LiveDetectionRepository, 'status'>,
    private readonly thresholds: HealthThresholds,
    private readonly now: () => number = Date.now,
  ) {}

  /** Drops cached reads; call when a run changes state or a repair is made. */
  invalidate(): void {
    this.statusCache = null;
    this.metricsCache = null;
  }

  status(): Promise<HealthStatusSnapshot> {
    this.statusCache = this.fresh(this.statusCache) ?? this.cache(() => this.loadStatus());
    return this.statusCache.value;
  }

  metrics(): Promise<HealthMetricsSnapshot> {
    this.metricsCache = this.fresh(this.metricsCache) ?? this.cache(() => this.loadMetrics());
    return this.metricsCache.value;
  }

  private async loadStatus(): Promise<HealthStatusSnapshot> {
    const [lastRun, lastSucceeded, activeRun, nextScheduledAt, live] = await Promise.all([
      this.runs.latestFinished(),
      this.runs.latestSucceeded(),
      this.runs.findActive(),
      // The schedule lives in the queue; if it cannot answer, the rest of the status still can.
      this.jobs ? this.jobs.nextScheduledAt().catch(() => null) : Promise.resolve(null),
      this.live.status(),
    ]);
    const liveRate = live.state !== 'OFF' && lastSucceeded?.pairsChecked ? liveConsistencyRate(lastSucceeded.pairsChecked, live.openPairs) : null;
    return {
      // Judged on the latest run that produced results; a failed run changes nothing about the data.
      // While an incremental checker runs, the open violations it keeps current move the rate between
      // runs (over the pairs the latest run counted).
      state: liveRate === null ? (lastSucceeded?.healthState ?? 'UNKNOWN') : healthStateFor(liveRate, this.thresholds),
      consistencyRate: liveRate ?? lastSucceeded?.consistencyRate ?? null,
      lastRun,
      activeRun,
      nextScheduledAt,
      liveDetection: live.state === 'ON',
      liveDetectionState: live.state,
      detectionLagMs: live.lagMs,
    };
  }

  private async loadMetrics(): Promise<HealthMetricsSnapshot> {
    const [lastSucceeded, counts] = await Promise.all([this.runs.latestSucceeded(), this.stats.counts()]);
    const byType = new Map(counts.openViolationsByType.map((c) => [c.type, c.count]));
    const openViolationsByType = VIOLATION_TYPES.map((type) => ({ type, count: byType.get(type) ?? 0 }));
    return {
      pairsChecked: lastSucceeded?.pairsChecked ?? 0,
      openViolations: openViolationsByType.reduce((sum, c) => sum + c.count, 0),
      openViolationsByType,
      checksLast24h: counts.checksLast24h,
      repairsLast24h: counts.repairsLast24h,
      lastCheckDurationMs: lastSucceeded?.durationMs ?? null,
      averageConsistencyRate: counts.averageConsistencyRate,
      missedByLiveDetectionLast24h: counts.missedByLiveDetectionLast24h,
    };
  }

  private fresh<T>(entry: Cached<T> | null): Cached<T> | null {
    return entry && this.now() - entry.at < CACHE_TTL_MS ? entry : null;
  }

  /** Caches the promise, so concurrent readers share one query; a failed load is not kept. */
  private cache<T>(load: () => Promise<T>): Cached<T> {
    const entry: Cached<T> = { value: load(), at: this.now() };
    entry.value.catch(() => {
      if (this.statusCache === (entry as unknown)) this.statusCache = null;
      if (this.metricsCache === (entry as unknown)) this.metricsCache = null;
    });
    return entry;
  }
}
