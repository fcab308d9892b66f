import { Entity, Index, PrimaryKey, Property, type Opt } from '@mikro-orm/core';

/**
 * One state-changing action, append-only: PostgreSQL itself refuses UPDATE, TRUNCATE and any DELETE
 * but the retention job's (migration 20261203-teams). `actor_id` carries no foreign key on purpose:
 * a key with ON DELETE SET NULL would have to update audit rows, and the trail outlives its users.
 */
@Entity({ tableName: 'audit_log' })
@Index({ name: 'audit_log_at_idx', properties: ['at'] })
@Index({ name: 'audit_log_actor_idx', properties: ['actorId', 'id'] })
@Index({ name: 'audit_log_action_idx', properties: ['action', 'id'] })
export class AuditEntry {
  @PrimaryKey({ type: 'integer', generated: 'by default as identity' })
  id!: number;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  at: Date & Opt = new Date();

  @Property({ type: 'integer', nullable: true })
  actorId?: number | null;

  @Property({ type: 'text' })
  action!: string;

  @Property({ type: 'text', nullable: true })
  targetType?: string | null;

  @Property({ type: 'text', nullable: true })
  targetId?: string | null;

  @Property({ type: 'jsonb', nullable: true })
  before?: Record<string, unknown> | null;

  @Property({ type: 'jsonb', nullable: true })
  after?: Record<string, unknown> | null;

  @Property({ type: 'text', nullable: true })
  clientAddress?: string | null;

  @Property({ type: 'text', nullable: true })
  requestId?: string | null;
}
