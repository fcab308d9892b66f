import type { Orm } from '../database/database';
import { query, type Sql } from '../database/sql';
import type { IntegrityJobs } from '../jobs/integrity-jobs';
import type { AlertMetric } from './alert.types';
import { quantileFromCounts } from './latency-buckets';

/** The API window of the error-rate and latency rules, and how fresh a process's memory sample must be. */
const API_WINDOW_SECONDS = 300;
/**
 * Fewer requests than this in the window are too few to judge (read as 0, as an idle window is): in a
 * quiet deployment a handful of cold first requests after a start would set the p95 and the error rate.
 */
export const MIN_JUDGED_API_REQUESTS = 100;
const MEMORY_FRESH_SECONDS = 60;
const MB = 1024 * 1024;

export type MetricValues = ReadonlyMap<AlertMetric, number | null>;

/**
 * Reads the value of each metric the rules watch, from where it is stored: the latest check run,
 * the per-process samples every API replica and worker writes, the queue, PostgreSQL itself.
 * A null value is "no data": the rule's state holds.
 */
export class AlertMetricsRepository {
  constructor(
    private readonly orm: Orm,
    private readonly jobs: Pick<IntegrityJobs, 'workersOnline' | 'queueDepth'>,
    private readonly databaseCapacityBytes: number | null,
  ) {}

  private get sql(): Sql {
    return this.orm.em;
  }

  async read(metrics: ReadonlySet<AlertMetric>): Promise<MetricValues> {
    const values = new Map<AlertMetric, number | null>();
    const want = (metric: AlertMetric) => metrics.has(metric);
    if (want('CONSISTENCY_RATE') || want('CHECK_DURATION_SECONDS')) {
      const [run] = await query<{ rate: number | null; duration_ms: number | null }>(
        this.sql,
        `select consistency_rate as rate, duration_ms from check_runs where state = 'SUCCEEDED' and finished_at is not null order by finished_at desc limit 1`,
      );
      values.set('CONSISTENCY_RATE', run?.rate === null || run?.rate === undefined ? null : run.rate * 100);
      values.set('CHECK_DURATION_SECONDS', run?.duration_ms === null || run?.duration_ms === undefined ? null : run.duration_ms / 1000);
    }
    if (want('API_ERROR_RATE') || want('API_P95_LATENCY_MS')) {
      const api = await this.apiWindow();
      const judged = api.requests >= MIN_JUDGED_API_REQUESTS;
      values.set('API_ERROR_RATE', judged ? (100 * Math.min(api.errors, api.requests)) / api.requests : 0);
      values.set('API_P95_LATENCY_MS', judged ? (quantileFromCounts(api.latency, 0.95) ?? 0) : 0);
    }
    if (want('FAILED_INTEGRITY_JOBS_1H')) {
      values.set('FAILED_INTEGRITY_JOBS_1H', await this.count(`select count(*)::int as n from check_runs where state = 'FAILED' and finished_at > now() - interval '1 hour'`));
    }
    if (want('WORKERS_ONLINE')) values.set('WORKERS_ONLINE', await this.jobs.workersOnline());
    if (want('QUEUE_DEPTH')) values.set('QUEUE_DEPTH', await this.jobs.queueDepth());
    if (want('OPEN_VIOLATIONS')) values.set('OPEN_VIOLATIONS', await this.count('select count(*)::int as n from violations where resolved_at is null'));
    if (want('DATABASE_SIZE_PERCENT')) {
      const capacity = this.databaseCapacityBytes;
      const size = capacity ? await this.count('select pg_database_size(current_database())::float8 as n') : null;
      values.set('DATABASE_SIZE_PERCENT', capacity && size !== null ? (100 * size) / capacity : null);
    }
    if (want('PROCESS_MEMORY_MB')) {
      const [row] = await query<{ rss: string | null }>(
        this.sql,
        `select max(rss_bytes)::text as rss from process_samples where updated_at > now() - make_interval(secs => ?) and rss_bytes is not null`,
        [MEMORY_FRESH_SECONDS],
      );
      values.set('PROCESS_MEMORY_MB', row?.rss ? Number(row.rss) / MB : null);
    }
    if (want('FAILING_CHANNELS')) {
      values.set(
        'FAILING_CHANNELS',
        await this.count(`select count(distinct channel_id)::int as n from notification_deliveries where status = 'DEAD' and created_at > now() - interval '1 hour'`),
      );
    }
    return values;
  }

  /** Channels with a dead-lettered delivery in the last hour (their own failure alert is not sent to them). */
  async failingChannelIds(): Promise<Set<number>> {
    const rows = await query<{ channel_id: number }>(
      this.sql,
      `select distinct channel_id from notification_deliveries where status = 'DEAD' and created_at > now() - interval '1 hour'`,
    );
    return new Set(rows.map((row) => row.channel_id));
  }

  /** Sums over every replica's buckets of the window: N replicas count once each, a dead one's buckets still count. */
  private async apiWindow(): Promise<{ requests: number; errors: number; latency: number[] }> {
    const rows = await query<{ requests: number; errors: number; latency_counts: number[] }>(
      this.sql,
      `select requests, errors, latency_counts from process_samples where kind = 'API' and bucket_start > now() - make_interval(secs => ?)`,
      [API_WINDOW_SECONDS],
    );
    const latency: number[] = [];
    let requests = 0;
    let errors = 0;
    for (const row of rows) {
      requests += row.requests;
      errors += row.errors;
      row.latency_counts.forEach((n, i) => (latency[i] = (latency[i] ?? 0) + n));
    }
    return { requests, errors, latency };
  }

  private async count(text: string): Promise<number> {
    const [row] = await query<{ n: number }>(this.sql, text);
    return Number(row?.n ?? 0);
  }
}
