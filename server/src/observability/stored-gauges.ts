import type { Logger } from '../domain/logging/logger';
import type { HealthService } from '../domain/integrity/health.service';
import type { IntegrityJobs } from '../domain/jobs/integrity-jobs';
import { consistencyRate, databaseCapacity, databaseSize, lastCheckDuration, liveDetectionLag, liveDetectionMissed, liveDetectionUp, openViolations, queueDepth, workersOnline } from './metrics';

const SCRAPE_BUDGET_MS = 2_000;

/** Where the stored gauges are read from: the cached health, the queue and the database itself. */
export interface StoredGaugeSources {
  readonly health: Pick<HealthService, 'metrics' | 'status'>;
  readonly jobs: Pick<IntegrityJobs, 'queueDepth' | 'workersOnline'>;
  /** The database's size now, and the capacity it is measured against (null: not configured). */
  readonly database: { sizeBytes(): Promise<number>; readonly capacityBytes: number | null };
}

/**
 * Refreshes the state gauges from stored results just before a scrape. The reads go through the
 * health service's cache (a few indexed counts at most every few seconds), so scraping every
 * replica often costs the database next to nothing. A part that cannot answer in time keeps its
 * previous value rather than failing the whole scrape.
 */
export async function refreshStoredGauges(sources: StoredGaugeSources, logger: Logger): Promise<void> {
  await Promise.all([
    within(
      sources.health.metrics().then((metrics) => {
        for (const { type, count } of metrics.openViolationsByType) openViolations.set({ type }, count);
        // NaN, not 0, before the first check: "no data" must not read as "instant" or "0 % consistent".
        lastCheckDuration.set(metrics.lastCheckDurationMs === null ? Number.NaN : metrics.lastCheckDurationMs / 1000);
        liveDetectionMissed.set(metrics.missedByLiveDetectionLast24h);
      }),
    ),
    within(
      sources.health.status().then((status) => {
        consistencyRate.set(status.consistencyRate ?? Number.NaN);
        liveDetectionUp.set({ ON: 1, LAGGING: 0.5, OFF: 0 }[status.liveDetectionState]);
        liveDetectionLag.set((status.detectionLagMs ?? 0) / 1000);
      }),
    ),
    within(sources.jobs.queueDepth().then((depth) => queueDepth.set(depth))),
    within(sources.jobs.workersOnline().then((count) => workersOnline.set(count))),
    within(sources.database.sizeBytes().then((bytes) => databaseSize.set(bytes))),
    Promise.resolve(databaseCapacity.set(sources.database.capacityBytes ?? Number.NaN)),
  ]).catch((error: Error) => logger.warn({ err: error.message }, 'metrics: stored gauges not refreshed'));
}

function within(work: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), SCRAPE_BUDGET_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
