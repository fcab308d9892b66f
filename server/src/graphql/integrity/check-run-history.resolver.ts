import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { CheckRunSnapshot } from '../../domain/integrity/integrity.types';
import { toConnection, type Connection } from '../common/connection.type';
import { decodeCursor } from '../common/cursor';
import type { GraphQLContext } from '../context';
import { CheckRunConnectionType } from './check-run-connection.type';

@Resolver()
export class CheckRunHistoryResolver {
  @Authorized('ADMIN')
  @Query(() => CheckRunConnectionType, { description: 'Every check and auto-sync run, newest first. `first`: 1 to 100.' })
  async checkRuns(
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Connection<CheckRunSnapshot>> {
    const page = await ctx.services.integrityReads.checkRuns({ first: first ?? 50, afterId: decodeCursor('run', after) });
    return toConnection('run', page.runs, page.hasNextPage, page.totalCount);
  }
}
