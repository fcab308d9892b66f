import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { CheckRunState, CheckTrigger, HealthState } from './integrity.types';

@Entity({ tableName: 'check_runs' })
export class CheckRun {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'text' })
  trigger!: CheckTrigger;

  @Property({ type: 'text' })
  state: CheckRunState = 'QUEUED';

  @Property({ type: 'double' })
  progress: number = 0;

  @Property({ type: 'text', nullable: true })
  jobId?: string | null;

  @Property({ type: 'Date', defaultRaw: 'now()' })
  queuedAt: Date = new Date();

  @Property({ type: 'Date', nullable: true })
  startedAt?: Date | null;

  @Property({ type: 'Date', nullable: true })
  finishedAt?: Date | null;

  @Property({ type: 'integer', nullable: true })
  durationMs?: number | null;

  @Property({ type: 'integer', nullable: true })
  pairsChecked?: number | null;

  @Property({ type: 'integer', nullable: true })
  inconsistent?: number | null;

  @Property({ type: 'double', nullable: true })
  consistencyRate?: number | null;

  @Property({ type: 'text', nullable: true })
  healthState?: HealthState | null;

  @Property({ type: 'integer', nullable: true })
  repairsApplied?: number | null;

  @Property({ type: 'text', nullable: true })
  error?: string | null;
}
