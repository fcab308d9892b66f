import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { notFound } from '../../domain/errors/domain-error';
import type { IntegrityReadService } from '../../domain/integrity/integrity-read.service';
import type { RepairService } from '../../domain/integrity/repair.service';
import type { RepairRecord } from '../../domain/integrity/repair.types';
import { parseId } from '../../domain/shared/ids';
import type { Specialization } from '../../domain/shared/specialization';
import { actorOf } from '../common/audit-origin';
import { toConnection, type Connection } from '../common/connection.type';
import { ConnectionArgs, pageRequestOf } from '../common/connection.args';
import { SpecializationEnum } from '../common/enums';
import type { GraphQLContext } from '../context';
import { UserType } from '../users/user.type';
import { RepairConnectionType } from './repair-connection.type';
import { RepairType } from './repair.type';

@Resolver(() => RepairType)
export class RepairResolver {
  constructor(
    private readonly reads: Pick<IntegrityReadService, 'repairs'>,
    private readonly resyncs: Pick<RepairService, 'resyncLicense'>,
  ) {}

  @Query(() => RepairConnectionType, {
    nullable: true,
    description: 'The repair audit, newest first, optionally for one student; pages forwards (first/after) or backwards (last/before).',
  })
  async repairs(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('studentId', () => ID, { nullable: true }) studentId: string | null,
  ): Promise<Connection<RepairRecord>> {
    const page = await this.reads.repairs(studentId ? parseId(studentId, 'studentId') : undefined, pageRequestOf('repair', args));
    return toConnection('repair', page.repairs, page, page.totalCount);
  }

  @Mutation(() => RepairType, {
    description:
      'Repairs one pair now (license follows progress, progress follows XP), audited with you as actor. CONFLICT with reason ALREADY_CONSISTENT if there is nothing to repair, or SPECIALIZATION_NOT_ASSIGNED if the student has neither progress nor a license in it; BAD_USER_INPUT with reason NOT_A_STUDENT for a user who is not a student.',
  })
  resyncLicense(
    @Arg('studentId', () => ID) studentId: string,
    @Arg('specialization', () => SpecializationEnum) specialization: Specialization,
    @Ctx() ctx: GraphQLContext,
  ): Promise<RepairRecord> {
    return this.resyncs.resyncLicense(actorOf(ctx), studentId, specialization);
  }

  @FieldResolver(() => UserType)
  async student(@Root() repair: RepairRecord, @Ctx() ctx: GraphQLContext): Promise<UserType> {
    const user = await ctx.loaders.user.load(repair.studentId);
    if (!user) throw notFound(`Student ${repair.studentId} does not exist`);
    return user;
  }

  @FieldResolver(() => UserType, { nullable: true, description: 'The admin who made it; null for jobs and the enforcer.' })
  async actor(@Root() repair: RepairRecord, @Ctx() ctx: GraphQLContext): Promise<UserType | null> {
    return repair.actorId === null ? null : ctx.loaders.user.load(repair.actorId);
  }

  @FieldResolver(() => String, { nullable: true, description: 'The pair before, as JSON ({ progress, license } for check repairs).' })
  before(@Root() repair: RepairRecord): string | null {
    return repair.before === null ? null : JSON.stringify(repair.before);
  }

  @FieldResolver(() => String, { nullable: true, description: 'The pair after, as JSON ({ progress, license } for check repairs).' })
  after(@Root() repair: RepairRecord): string | null {
    return repair.after === null ? null : JSON.stringify(repair.after);
  }
}
