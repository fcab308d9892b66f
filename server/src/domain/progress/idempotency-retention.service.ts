import type { Orm } from '../database/database';
import type { IdempotencyRepository } from './idempotency.repository';

/**
 * Keeps idempotency records for the configured retention, then purges them (the maintenance job,
 * hourly). Within the retention a retried request replays its stored result; after it, the key is
 * free and a retry is applied as a new request. A claim still in flight is an uncommitted row the
 * purge cannot see, so it is never cut short.
 */
export class IdempotencyRetentionService {
  constructor(
    private readonly orm: Orm,
    private readonly records: IdempotencyRepository,
    readonly retentionHours: number,
  ) {}

  /** Purges every record older than the retention; returns how many. */
  purgeExpired(): Promise<number> {
    return this.records.purgeOlderThan(this.orm.em, this.retentionHours);
  }
}
