import { AUDIT_ACTIONS } from './audit-actions';
import type { AuditRepository } from './audit.repository';
import type { AuditService } from './audit.service';
import { SYSTEM_ORIGIN } from './audit.types';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes audit entries older than AUDIT_RETENTION_DAYS (run by the hourly maintenance job), and
 * records that it did in the same transaction: how many, and the oldest and newest time it covered.
 */
export class AuditRetentionService {
  constructor(
    private readonly audit: AuditService,
    private readonly entries: AuditRepository,
    private readonly retentionDays: number,
    private readonly now: () => number = Date.now,
  ) {}

  async purgeExpired(): Promise<number> {
    const cutoff = new Date(this.now() - this.retentionDays * DAY_MS);
    return this.audit.inTransaction(async (record) => {
      const { deleted, oldest } = await this.entries.deleteOlderThan(cutoff);
      if (deleted > 0) {
        await record({
          origin: SYSTEM_ORIGIN,
          action: AUDIT_ACTIONS.AUDIT_RETENTION_PURGED,
          targetType: 'AuditLog',
          after: { deleted, oldestDeletedAt: oldest?.toISOString() ?? null, before: cutoff.toISOString(), retentionDays: this.retentionDays },
        });
      }
      return deleted;
    });
  }
}
