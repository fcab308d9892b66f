import { Arg, Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { notFound } from '../../domain/errors/domain-error';
import type { IntegrityReadService } from '../../domain/integrity/integrity-read.service';
import type { ViolationRecord } from '../../domain/integrity/violation.repository';
import type { LevelTable } from '../../domain/levels/level-table';
import { parseId } from '../../domain/shared/ids';
import { toConnection, type Connection } from '../common/connection.type';
import { ConnectionArgs, pageRequestOf } from '../common/connection.args';
import type { GraphQLContext } from '../context';
import { UserType } from '../users/user.type';
import { ViolationConnectionType } from './violation-connection.type';
import { ViolationFilterInput } from './violation-filter.input';
import { ViolationType } from './violation.type';

@Resolver(() => ViolationType)
export class ViolationResolver {
  constructor(
    private readonly reads: Pick<IntegrityReadService, 'violations'>,
    private readonly levels: Pick<LevelTable, 'levelForXp'>,
  ) {}

  @Query(() => ViolationConnectionType, {
    nullable: true,
    description: 'Violations newest first, open ones unless filter.includeResolved; pages forwards (first/after) or backwards (last/before).',
  })
  async violations(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => ViolationFilterInput, { nullable: true }) filter: ViolationFilterInput | null,
  ): Promise<Connection<ViolationRecord>> {
    const page = await this.reads.violations(
      {
        type: filter?.type ?? undefined,
        specialization: filter?.specialization ?? undefined,
        studentId: filter?.studentId ? parseId(filter.studentId, 'filter.studentId') : undefined,
        studentSearch: filter?.student?.trim() || undefined,
        includeResolved: filter?.includeResolved ?? false,
      },
      pageRequestOf('violation', args),
    );
    return toConnection('violation', page.violations, page, page.totalCount);
  }

  /** Read with the page (no promise per row, which graphql-js would await object by object); the loader otherwise. */
  @FieldResolver(() => UserType)
  student(@Root() violation: ViolationRecord, @Ctx() ctx: GraphQLContext): UserType | Promise<UserType> {
    return violation.student ?? this.loadStudent(violation.studentId, ctx);
  }

  private async loadStudent(studentId: number, ctx: GraphQLContext): Promise<UserType> {
    const user = await ctx.loaders.user.load(studentId);
    if (!user) throw notFound(`Student ${studentId} does not exist`);
    return user;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'The level its total XP earns (capped at the top level).' })
  expectedLevel(@Root() violation: ViolationRecord): number | null {
    return violation.totalXp === null ? null : this.levels.levelForXp(violation.specialization, violation.totalXp);
  }
}
