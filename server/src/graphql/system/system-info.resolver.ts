import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Query, Resolver } from 'type-graphql';
import type { HealthService } from '../../domain/integrity/health.service';
import type { IntegrityJobs } from '../../domain/jobs/integrity-jobs';
import { SystemInfoType } from './system-info.type';

// Read once: the release does not change while the process runs.
const VERSION = (JSON.parse(readFileSync(resolve(__dirname, '../../../../package.json'), 'utf8')) as { version: string }).version;

/** A queue that cannot answer (Redis down) blanks its own numbers, not the whole panel. */
const orNull = <T>(read: Promise<T>): Promise<T | null> => read.catch(() => null);

@Resolver()
export class SystemInfoResolver {
  constructor(
    private readonly jobs: Pick<IntegrityJobs, 'workersOnline' | 'queueDepth' | 'nextScheduledAt'>,
    private readonly health: Pick<HealthService, 'status'>,
  ) {}

  @Query(() => SystemInfoType, { nullable: true, description: 'Version, uptime, workers online, queue depth, last and next check.' })
  async systemInfo(): Promise<SystemInfoType> {
    const { jobs, health } = this;
    const [workersOnline, queueDepth, nextScheduledAt, status] = await Promise.all([
      orNull(jobs.workersOnline()),
      orNull(jobs.queueDepth()),
      orNull(jobs.nextScheduledAt()),
      health.status(),
    ]);
    return {
      version: VERSION,
      uptimeSeconds: Math.floor(process.uptime()),
      workersOnline,
      queueDepth,
      lastCheckAt: status.lastRun?.finishedAt ?? null,
      nextScheduledAt,
    };
  }
}
