import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { ProgressService } from '../../domain/progress/progress.service';
import type { Specialization } from '../../domain/shared/specialization';
import { actorOf } from '../common/audit-origin';
import { SpecializationEnum } from '../common/enums';
import type { GraphQLContext } from '../context';
import { ProgressUpdateInput } from './progress-update.input';
import { ProgressUpdateResultType } from './progress-update-result.type';
import { SpecializationProgressType } from './specialization-progress.type';

@Resolver()
export class ProgressResolver {
  constructor(private readonly progress: Pick<ProgressService, 'listForStudent' | 'assign' | 'update'>) {}

  @Query(() => [SpecializationProgressType], {
    nullable: true,
    description: "A student's progress in every assigned specialization. Admins, instructors, or the student themself.",
  })
  studentProgress(@Arg('studentId', () => ID) studentId: string, @Ctx() ctx: GraphQLContext): Promise<SpecializationProgressType[]> {
    return this.progress.listForStudent(ctx.viewer!, studentId);
  }

  @Mutation(() => SpecializationProgressType, { description: 'Starts a student in a specialization: progress and license at level 1.' })
  assignSpecialization(
    @Arg('studentId', () => ID) studentId: string,
    @Arg('specialization', () => SpecializationEnum) specialization: Specialization,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SpecializationProgressType> {
    return this.progress.assign(studentId, specialization, actorOf(ctx));
  }

  @Mutation(() => ProgressUpdateResultType, { description: 'Adds XP; the license moves with the level in the same transaction.' })
  updateProgress(
    // GraphQL checks the shape; the rules are ProgressService's. No class-validator pass on the hot path
    // (its metadata walk was ~2 % of the storm API's busy time for a class with nothing to check).
    @Arg('input', () => ProgressUpdateInput, { validate: false }) input: ProgressUpdateInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ProgressUpdateResultType> {
    return this.progress.update(ctx.viewer!, input);
  }
}
