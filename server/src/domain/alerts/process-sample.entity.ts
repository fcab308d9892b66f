import { Entity, Index, PrimaryKey, Property, type Opt } from '@mikro-orm/core';

/**
 * What one process observed in one 10-second bucket: API requests, errors and a latency histogram
 * (API processes), and its resident memory (every process). Each process writes only its own rows,
 * so the 5-minute window is a sum over all replicas, and a replica that dies leaves what it wrote.
 */
@Entity({ tableName: 'process_samples' })
@Index({ name: 'process_samples_bucket_idx', properties: ['bucketStart'] })
export class ProcessSample {
  @PrimaryKey({ type: 'text' })
  processId!: string;

  @PrimaryKey({ type: 'timestamptz' })
  bucketStart!: Date;

  /** API or WORKER. */
  @Property({ type: 'text' })
  kind!: string;

  @Property({ type: 'integer', default: 0 })
  requests: number & Opt = 0;

  @Property({ type: 'integer', default: 0 })
  errors: number & Opt = 0;

  /** Requests per latency bucket (upper bounds in LATENCY_BOUNDS_MS), same length. */
  @Property({ type: 'jsonb', default: '[]' })
  latencyCounts: number[] & Opt = [];

  @Property({ type: 'bigint', nullable: true })
  rssBytes?: string | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Date & Opt = new Date();
}
