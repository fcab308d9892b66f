import type { ScheduleConfig } from '../domain/config/domain-config';
import { JOBS, type JobDataByName, type JobName } from '../domain/jobs/job-catalogue';
import { JOB_RETENTION, JOB_RETRY, type IntegrityBullQueue } from './queue-connection';

/** Hourly: cheap (an indexed delete), and it keeps the table within an hour of its retention. */
const MAINTENANCE_EVERY_MS = 3_600_000;

export type Schedule = { [N in JobName]: ScheduleOf<N> }[JobName];

interface ScheduleOf<N extends JobName> {
  /** Scheduler id and job name at once: one scheduler per kind of work. */
  readonly name: N;
  readonly everyMs: number;
  readonly data: JobDataByName[N];
  /**
   * When a scheduler that does not exist yet (first boot, or a changed interval) fires first: at
   * once, or one interval later. An existing scheduler keeps its next run whatever this says.
   */
  readonly firstRun: 'at-creation' | 'after-one-interval';
}

/** The one table of recurring work. */
export function schedulesFor(config: ScheduleConfig): Schedule[] {
  return [
    // A first check at boot: health is known within seconds instead of UNKNOWN for an interval.
    {
      name: JOBS.INTEGRITY_CHECK,
      everyMs: Math.round(config.healthCheckIntervalMinutes * 60_000),
      data: { trigger: 'SCHEDULED' },
      firstRun: 'at-creation',
    },
    // Never at boot: repairs are a deliberate act, so the drift a first start finds (the demo's
    // desyncs) stays visible and repairable by hand until the first interval has passed.
    { name: JOBS.AUTO_SYNC, everyMs: config.autoSyncIntervalHours * 3_600_000, data: { trigger: 'AUTO_SYNC' }, firstRun: 'after-one-interval' },
    // Retention is counted in hours: nothing expires in the first hour after a boot.
    {
      name: JOBS.MAINTENANCE,
      everyMs: MAINTENANCE_EVERY_MS,
      data: { task: 'purge-expired-idempotency-records' },
      firstRun: 'after-one-interval',
    },
  ];
}

/**
 * Upserted by every worker at boot: the scheduler id is the key, so N workers booting together
 * leave exactly one scheduler per schedule (and a changed interval replaces the old one). The
 * table is the whole truth: a scheduler no longer in it is removed.
 *
 * BullMQ reads `startDate` only when the scheduler has no next run yet (created, or its interval
 * changed); a re-upsert by a later boot or another worker keeps the pending next run, so deploys
 * neither trigger nor postpone it.
 */
export async function upsertSchedules(queue: IntegrityBullQueue, schedules: Schedule[]): Promise<void> {
  const wanted = new Set<string>(schedules.map((s) => s.name));
  for (const existing of await queue.getJobSchedulers(0, -1)) {
    if (!wanted.has(existing.key)) await queue.removeJobScheduler(existing.key);
  }
  for (const schedule of schedules) {
    const startDate = schedule.firstRun === 'after-one-interval' ? Date.now() + schedule.everyMs : undefined;
    await queue.upsertJobScheduler(
      schedule.name,
      { every: schedule.everyMs, ...(startDate === undefined ? {} : { startDate }) },
      { name: schedule.name, data: schedule.data, opts: { ...JOB_RETRY, ...JOB_RETENTION } },
    );
  }
}
