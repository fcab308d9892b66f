import { checkPageSize, type KeysetPage, type KeysetRows } from '../database/keyset-page';
import type { Orm } from '../database/database';
import { badInput } from '../errors/domain-error';
import { publishSafely } from '../events/publish-safely';
import { TOPICS, type EventPublisher } from '../events/topics';
import type { Logger } from '../logging/logger';
import type { AuditRepository } from './audit.repository';
import type { AuditEntrySnapshot, AuditFilter, AuditRecord } from './audit.types';
import { redactSecrets } from './redact';

/** Records an entry in the transaction it was handed to. */
export type AuditRecorder = (record: AuditRecord) => Promise<AuditEntrySnapshot>;

/**
 * The audit trail. A change and its entry commit together or not at all: `inTransaction` runs the
 * change in one transaction with a recorder for its entries, and announces them (`auditLogAppended`)
 * only after the commit. Secrets are redacted before anything is stored.
 */
export class AuditService {
  constructor(
    private readonly orm: Orm,
    private readonly entries: AuditRepository,
    private readonly events: EventPublisher,
    private readonly logger?: Logger,
  ) {}

  async inTransaction<T>(work: (record: AuditRecorder) => Promise<T>): Promise<T> {
    const recorded: AuditEntrySnapshot[] = [];
    const result = await this.orm.em.transactional(() =>
      work(async (record) => {
        const entry = await this.entries.insert({
          ...record,
          before: record.before ? redactSecrets(record.before) : null,
          after: record.after ? redactSecrets(record.after) : null,
        });
        recorded.push(entry);
        return entry;
      }),
    );
    for (const entry of recorded) await publishSafely(this.events, TOPICS.AUDIT_LOG_APPENDED, entry, this.logger);
    return result;
  }

  /** One entry in a transaction of its own (an action whose change is not a database write, or already committed). */
  record(record: AuditRecord): Promise<AuditEntrySnapshot> {
    return this.inTransaction((recordOne) => recordOne(record));
  }

  async page(filter: AuditFilter, page: KeysetPage): Promise<KeysetRows<AuditEntrySnapshot> & { totalCount: () => Promise<number> }> {
    if (filter.since && filter.until && filter.since >= filter.until) throw badInput('filter.since must be before filter.until', { field: 'filter.since' });
    const rows = await this.entries.page(filter, checkPageSize(page));
    return { ...rows, totalCount: () => this.entries.count(filter) };
  }
}
