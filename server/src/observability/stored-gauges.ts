import type { Logger } from '../domain/logging/logger';
import type { DomainServices } from '../domain/services';
import { consistencyRate, lastCheckDuration, openViolations, queueDepth } from './metrics';

const SCRAPE_BUDGET_MS = 2_000;

/**
 * Refreshes the state gauges from stored results just before a scrape. The reads go through the
 * health service's cache (a few indexed counts at most every few seconds), so scraping every
 * replica often costs the database next to nothing. A part that cannot answer in time keeps its
 * previous value rather than failing the whole scrape.
 */
export async function refreshStoredGauges(services: DomainServices, logger: Logger): Promise<void> {
  await Promise.all([
    within(
      services.health.metrics().then((metrics) => {
        for (const { type, count } of metrics.openViolationsByType) openViolations.set({ type }, count);
        // NaN, not 0, before the first check: "no data" must not read as "instant" or "0 % consistent".
        lastCheckDuration.set(metrics.lastCheckDurationMs === null ? Number.NaN : metrics.lastCheckDurationMs / 1000);
      }),
    ),
    within(
      services.health.status().then((status) => {
        consistencyRate.set(status.consistencyRate ?? Number.NaN);
      }),
    ),
    within(services.jobs.queueDepth().then((depth) => queueDepth.set(depth))),
  ]).catch((error: Error) => logger.warn({ err: error.message }, 'metrics: stored gauges not refreshed'));
}

function within(work: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), SCRAPE_BUDGET_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
