import { Check, Entity, Enum, Index, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
import { CHECK_RUN_STATES, CHECK_TRIGGERS, HEALTH_STATES, type CheckRunState, type CheckTrigger, type HealthState } from './integrity.types';

/** The ledger of integrity runs; the partial indexes answer "the active run" and "the latest finished run". */
@Entity({ tableName: 'check_runs' })
@Index({ name: 'check_runs_finished_idx', expression: 'create index check_runs_finished_idx on check_runs (finished_at desc) where finished_at is not null' })
@Index({ name: 'check_runs_active_idx', expression: `create index check_runs_active_idx on check_runs (id) where state in ('QUEUED', 'RUNNING')` })
@Check({ name: 'check_runs_progress_check', expression: '(progress >= (0)::double precision) AND (progress <= (1)::double precision)' })
@Check({ name: 'check_runs_duration_ms_check', expression: 'duration_ms >= 0' })
@Check({ name: 'check_runs_pairs_checked_check', expression: 'pairs_checked >= 0' })
@Check({ name: 'check_runs_inconsistent_check', expression: 'inconsistent >= 0' })
@Check({
  name: 'check_runs_consistency_rate_check',
  expression: '(consistency_rate >= (0)::double precision) AND (consistency_rate <= (1)::double precision)',
})
@Check({ name: 'check_runs_repairs_applied_check', expression: 'repairs_applied >= 0' })
export class CheckRun {
  @PrimaryKey({ type: 'integer', generated: 'by default as identity' })
  id!: number;

  @Enum({ items: () => CHECK_TRIGGERS })
  trigger!: CheckTrigger;

  @Enum({ items: () => CHECK_RUN_STATES, default: 'QUEUED' })
  state: CheckRunState & Opt = 'QUEUED';

  @Property({ type: 'double', default: 0 })
  progress: number & Opt = 0;

  /** The BullMQ job that fills this run: a retried job finds its run by it. */
  @Property({ type: 'text', nullable: true })
  @Unique({ name: 'check_runs_job_id_key' })
  jobId?: string | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  queuedAt: Date & Opt = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  startedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  finishedAt?: Date | null;

  @Property({ type: 'integer', nullable: true })
  durationMs?: number | null;

  @Property({ type: 'integer', nullable: true })
  pairsChecked?: number | null;

  @Property({ type: 'integer', nullable: true })
  inconsistent?: number | null;

  @Property({ type: 'double', nullable: true })
  consistencyRate?: number | null;

  @Enum({ items: () => HEALTH_STATES, nullable: true })
  healthState?: HealthState | null;

  @Property({ type: 'integer', nullable: true })
  repairsApplied?: number | null;

  @Property({ type: 'text', nullable: true })
  error?: string | null;

  /** Pairs this run's sweep opened or resolved a violation of that live detection had not: each one a bug (see the sweep). */
  @Property({ type: 'integer', nullable: true })
  missedByLiveDetection?: number | null;
}
