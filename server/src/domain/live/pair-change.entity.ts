import { Entity, Index, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import type { Specialization } from '../shared/specialization';

/**
 * A (student, specialization) pair some transaction changed and the incremental checker has not
 * checked yet: written by the change-capture triggers on `specialization_progress` and `licenses`
 * (migration 20261202-live-detection) in the writer's own transaction, deleted by the checker in
 * the transaction that checks the pair. A row is the durable half of the wake-up (NOTIFY is the
 * other): nothing is lost while no checker listens. No foreign key: a deleted user's pairs must
 * still be checked (their violations go with them).
 */
@Entity({ tableName: 'pair_changes' })
@Index({ name: 'pair_changes_pair_idx', properties: ['studentId', 'specialization'] })
export class PairChange {
  /** Claim order: the checker takes the oldest first. */
  @PrimaryKey({ type: 'bigint', generated: 'by default as identity' })
  id!: string;

  @Property({ type: 'integer' })
  studentId!: number;

  @Property({ type: 'text' })
  specialization!: Specialization;

  /** When the writing statement started: the detection lag is measured from it. */
  @Property({ type: 'timestamptz', defaultRaw: 'statement_timestamp()' })
  changedAt: Date & Opt = new Date();
}
