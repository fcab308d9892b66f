import { Ctx, Mutation, Resolver } from 'type-graphql';
import type { CheckRequestsService } from '../../domain/integrity/check-requests.service';
import type { CheckRunSnapshot } from '../../domain/integrity/integrity.types';
import { actorOf } from '../common/audit-origin';
import type { GraphQLContext } from '../context';
import { CheckRunType } from './check-run.type';

/** "Check now" and "sync now": queue a job, or answer with the run already queued or running. */
@Resolver()
export class CheckJobsResolver {
  constructor(private readonly requests: Pick<CheckRequestsService, 'check' | 'autoSync'>) {}

  @Mutation(() => CheckRunType, {
    description: 'Queues an integrity check; returns the check already queued or running if there is one. Audited (CHECK_REQUESTED).',
  })
  runHealthCheck(@Ctx() ctx: GraphQLContext): Promise<CheckRunSnapshot> {
    return this.requests.check(actorOf(ctx));
  }

  @Mutation(() => CheckRunType, {
    description: 'Queues an auto-sync (repair every open violation, then check); returns the one already queued or running if any. Audited (AUTO_SYNC_REQUESTED).',
  })
  runAutoSync(@Ctx() ctx: GraphQLContext): Promise<CheckRunSnapshot> {
    return this.requests.autoSync(actorOf(ctx));
  }
}
