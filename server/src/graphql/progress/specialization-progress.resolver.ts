import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { notFound } from '../../domain/errors/domain-error';
import type { LevelTable } from '../../domain/levels/level-table';
import type { GraphQLContext } from '../context';
import { UserType } from '../users/user.type';
import { SpecializationProgressType } from './specialization-progress.type';

@Resolver(() => SpecializationProgressType)
export class SpecializationProgressResolver {
  constructor(private readonly levels: Pick<LevelTable, 'maxLevel'>) {}

  @FieldResolver(() => UserType)
  async student(@Root() progress: SpecializationProgressType, @Ctx() ctx: GraphQLContext): Promise<UserType> {
    const user = await ctx.loaders.user.load(progress.studentId);
    if (!user) throw notFound(`Student ${progress.studentId} does not exist`);
    return user;
  }

  @FieldResolver(() => Int, { description: 'The highest level of this specialization.' })
  maxLevel(@Root() progress: SpecializationProgressType): number {
    return this.levels.maxLevel(progress.specialization);
  }
}
