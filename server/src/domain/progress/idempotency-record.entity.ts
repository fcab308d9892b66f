import { Check, Entity, Index, ManyToOne, PrimaryKey, PrimaryKeyProp, Property, type Opt } from '@mikro-orm/core';
import { User } from '../users/user.entity';

/**
 * A claimed idempotency key, scoped to its caller: the request it was claimed for (by hash) and,
 * once applied, the response a retry replays. Purged after the retention (by created_at).
 */
@Entity({ tableName: 'idempotency_records' })
@Index({ name: 'idempotency_records_created_at_idx', properties: ['createdAt'] })
@Check({ name: 'idempotency_records_key_check', expression: '(char_length(key) >= 1) AND (char_length(key) <= 128)' })
export class IdempotencyRecord {
  [PrimaryKeyProp]?: ['actorId', 'key'];

  @ManyToOne(() => User, { fieldName: 'actor_id', mapToPk: true, primary: true, deleteRule: 'cascade', cascade: [], foreignKeyName: 'idempotency_records_actor_id_fkey' })
  actorId!: number;

  @PrimaryKey({ type: 'text' })
  key!: string;

  @Property({ type: 'text' })
  operation!: string;

  @Property({ type: 'text' })
  requestHash!: string;

  @Property({ type: 'jsonb', nullable: true })
  response?: unknown;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date & Opt = new Date();
}
