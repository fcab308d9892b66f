import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Orm } from '../database/database';
import { outsideUnitOfWork, withEntityManager } from '../database/entity-manager-scope';
import { query } from '../database/sql';
import type { Logger } from '../logging/logger';
import { LATENCY_BOUNDS_MS, latencyBucket } from './latency-buckets';

const BUCKET_MS = 10_000;

/**
 * This process's row of the current 10-second bucket in `process_samples`: request count, error
 * count and latency histogram (API processes), and its RSS (every process). The process keeps the
 * bucket's totals and writes them whole (an upsert of absolute values), so a retried write never
 * double-counts, and no two processes ever write the same row.
 */
export class ProcessSampler {
  readonly processId: string;
  private bucketStart = 0;
  private requests = 0;
  private errors = 0;
  private latency: number[] = new Array<number>(LATENCY_BOUNDS_MS.length).fill(0);
  private timer: NodeJS.Timeout | null = null;
  /** The final write of the bucket that just ended, awaited by the next flush. */
  private closing: Promise<void> = Promise.resolve();

  constructor(
    private readonly orm: Orm,
    private readonly kind: 'API' | 'WORKER',
    private readonly logger?: Logger,
  ) {
    this.processId = `${kind.toLowerCase()}:${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  }

  /** One API request answered: its latency, and whether it failed (5xx). */
  recordRequest(durationMs: number, failed: boolean): void {
    this.roll();
    this.requests += 1;
    if (failed) this.errors += 1;
    this.latency[latencyBucket(durationMs)]! += 1;
  }

  /** A GraphQL response carrying INTERNAL_SERVER_ERROR with a 200 status. */
  recordInternalError(): void {
    this.roll();
    this.errors += 1;
  }

  start(): void {
    if (this.timer) return;
    outsideUnitOfWork(() => {
      this.timer = setInterval(() => void this.flush(), BUCKET_MS / 2);
      this.timer.unref();
    });
    void this.flush();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  /** Writes the current bucket's totals. */
  async flush(): Promise<void> {
    this.roll();
    await this.closing;
    await this.write(this.bucketStart, this.requests, this.errors, [...this.latency]);
  }

  private roll(): void {
    const start = Math.floor(Date.now() / BUCKET_MS) * BUCKET_MS;
    if (start === this.bucketStart) return;
    if (this.bucketStart !== 0 && this.requests + this.errors > 0) this.closing = this.write(this.bucketStart, this.requests, this.errors, [...this.latency]);
    this.bucketStart = start;
    this.requests = 0;
    this.errors = 0;
    this.latency = new Array<number>(LATENCY_BOUNDS_MS.length).fill(0);
  }

  private async write(bucketStart: number, requests: number, errors: number, latency: number[]): Promise<void> {
    try {
      await withEntityManager(this.orm, () =>
        query(
          this.orm.em,
          `insert into process_samples (process_id, bucket_start, kind, requests, errors, latency_counts, rss_bytes, updated_at)
           values (?, ?, ?, ?, ?, ?::jsonb, ?, now())
           on conflict (process_id, bucket_start) do update set requests = excluded.requests, errors = excluded.errors,
             latency_counts = excluded.latency_counts, rss_bytes = excluded.rss_bytes, updated_at = now()`,
          [this.processId, new Date(bucketStart), this.kind, requests, errors, JSON.stringify(latency), process.memoryUsage.rss()],
        ),
      );
    } catch (error) {
      this.logger?.warn({ err: error instanceof Error ? error.message : String(error) }, 'process sample not written');
    }
  }
}
