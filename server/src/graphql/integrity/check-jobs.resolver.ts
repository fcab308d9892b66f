import { Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { CheckRunSnapshot } from '../../domain/integrity/integrity.types';
import type { GraphQLContext } from '../context';
import { CheckRunType } from './check-run.type';

/** "Check now" and "sync now": queue a job, or answer with the run already queued or running. */
@Resolver()
export class CheckJobsResolver {
  @Authorized('ADMIN')
  @Mutation(() => CheckRunType, {
    description: 'Queues an integrity check; returns the check already queued or running if there is one.',
  })
  runHealthCheck(@Ctx() ctx: GraphQLContext): Promise<CheckRunSnapshot> {
    return ctx.services.checkRuns.requestCheck('MANUAL');
  }

  @Authorized('ADMIN')
  @Mutation(() => CheckRunType, {
    description: 'Queues an auto-sync (repair every open violation, then check); returns the one already queued or running if any.',
  })
  runAutoSync(@Ctx() ctx: GraphQLContext): Promise<CheckRunSnapshot> {
    return ctx.services.checkRuns.requestAutoSync();
  }
}
