import { Authorized, Mutation, Resolver } from 'type-graphql';
import type { CheckRunLifecycle } from '../../domain/integrity/check-run-lifecycle.service';
import type { CheckRunSnapshot } from '../../domain/integrity/integrity.types';
import { CheckRunType } from './check-run.type';

/** "Check now" and "sync now": queue a job, or answer with the run already queued or running. */
@Resolver()
export class CheckJobsResolver {
  constructor(private readonly runs: Pick<CheckRunLifecycle, 'requestCheck' | 'requestAutoSync'>) {}

  @Authorized('ADMIN')
  @Mutation(() => CheckRunType, {
    description: 'Queues an integrity check; returns the check already queued or running if there is one.',
  })
  runHealthCheck(): Promise<CheckRunSnapshot> {
    return this.runs.requestCheck('MANUAL');
  }

  @Authorized('ADMIN')
  @Mutation(() => CheckRunType, {
    description: 'Queues an auto-sync (repair every open violation, then check); returns the one already queued or running if any.',
  })
  runAutoSync(): Promise<CheckRunSnapshot> {
    return this.runs.requestAutoSync();
  }
}
