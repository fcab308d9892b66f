import { Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { CheckRunSnapshot } from '../../domain/integrity/integrity.types';
import { toConnection, type Connection } from '../common/connection.type';
import { ConnectionArgs, pageRequestOf } from '../common/connection.args';
import type { GraphQLContext } from '../context';
import { CheckRunConnectionType } from './check-run-connection.type';

@Resolver()
export class CheckRunHistoryResolver {
  @Authorized('ADMIN')
  @Query(() => CheckRunConnectionType, {
    nullable: true,
    description: 'Every check and auto-sync run, newest first; pages forwards (first/after) or backwards (last/before).',
  })
  async checkRuns(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: GraphQLContext): Promise<Connection<CheckRunSnapshot>> {
    const page = await ctx.services.integrityReads.checkRuns(pageRequestOf('run', args));
    return toConnection('run', page.runs, page, page.totalCount);
  }
}
