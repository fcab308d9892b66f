import type { Orm } from '../database/database';
import { entityData } from '../database/entity-rows';
import { keysetPage, type KeysetPage, type KeysetRows } from '../database/keyset-page';
import { query } from '../database/sql';
import { AuditEntry } from './audit-entry.entity';
import type { AuditEntrySnapshot, AuditFilter, AuditRecord } from './audit.types';

type StoredEntry = Omit<AuditEntry, 'at'> & { at: Date };

const snapshotOf = (entry: StoredEntry): AuditEntrySnapshot => ({
  id: entry.id,
  action: entry.action,
  actorId: entry.actorId ?? null,
  targetType: entry.targetType ?? null,
  targetId: entry.targetId ?? null,
  before: entry.before ?? null,
  after: entry.after ?? null,
  clientAddress: entry.clientAddress ?? null,
  requestId: entry.requestId ?? null,
  recordedAt: entry.at,
});

/** The audit table: inserts (in the caller's transaction), pages, and the retention's delete. */
export class AuditRepository {
  constructor(private readonly orm: Orm) {}

  /** Writes on the unit of work's EntityManager: inside `em.transactional`, in that transaction. */
  async insert(record: AuditRecord): Promise<AuditEntrySnapshot> {
    const em = this.orm.em;
    const [row] = await query<object>(
      em,
      `insert into audit_log (actor_id, action, target_type, target_id, before, after, client_address, request_id)
       values (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?) returning *`,
      [
        record.origin.actorId,
        record.action,
        record.targetType ?? null,
        record.targetId === undefined || record.targetId === null ? null : String(record.targetId),
        record.before ? JSON.stringify(storable(record.before)) : null,
        record.after ? JSON.stringify(storable(record.after)) : null,
        record.origin.clientAddress,
        record.origin.requestId,
      ],
    );
    return snapshotOf(entityData(em, AuditEntry, row!) as StoredEntry);
  }

  /** Newest first, keyset on the primary key (see keyset-page.ts). */
  async page(filter: AuditFilter, page: KeysetPage): Promise<KeysetRows<AuditEntrySnapshot>> {
    const { rows, ...flags } = await keysetPage(page, (range, order, limit) =>
      this.orm.em.createQueryBuilder(AuditEntry).where({ ...range, ...whereOf(filter) }).orderBy({ id: order }).limit(limit).execute('all'),
    );
    return { rows: (rows as StoredEntry[]).map(snapshotOf), ...flags };
  }

  count(filter: AuditFilter): Promise<number> {
    return this.orm.em.count(AuditEntry, whereOf(filter));
  }

  /**
   * Deletes the entries recorded before `cutoff`, in the caller's transaction. The table's trigger
   * refuses any DELETE unless the transaction names a cutoff at least a day old; this is the one
   * statement that does (see migration 20261203-teams).
   */
  async deleteOlderThan(cutoff: Date): Promise<{ deleted: number; oldest: Date | null }> {
    const em = this.orm.em;
    await query(em, `select set_config('levelsync.audit_retention_cutoff', ?, true)`, [cutoff.toISOString()]);
    const [row] = await query<{ deleted: string; oldest: Date | null }>(
      em,
      `with gone as (delete from audit_log where at < ? returning at) select count(*) as deleted, min(at) as oldest from gone`,
      [cutoff],
    );
    return { deleted: Number(row?.deleted ?? 0), oldest: row?.oldest ? new Date(row.oldest) : null };
  }
}

/** A lone UTF-16 surrogate, which jsonb (like any UTF-8 text) cannot hold. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * What jsonb accepts of a value a caller typed (a refused sign-in's email may be anything): NUL and
 * lone surrogates become U+FFFD, at any depth.
 */
function storable(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(LONE_SURROGATE, '\uFFFD').replaceAll('\u0000', '\uFFFD');
  if (Array.isArray(value)) return value.map(storable);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [storable(key) as string, storable(inner)]));
}

function whereOf(filter: AuditFilter): Record<string, unknown> {
  const at: Record<string, Date> = {};
  if (filter.since) at.$gte = filter.since;
  if (filter.until) at.$lt = filter.until;
  return {
    ...(filter.actorId === undefined ? {} : { actorId: filter.actorId }),
    ...(filter.action === undefined ? {} : { action: filter.action }),
    ...(filter.targetType === undefined ? {} : { targetType: filter.targetType }),
    ...(Object.keys(at).length ? { at } : {}),
  };
}
