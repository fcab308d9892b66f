import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context';
import { CreateUserInput } from './create-user.input';
import { UserType } from './user.type';

@Resolver(() => UserType)
export class UserResolver {
  @Authorized()
  @Query(() => UserType, { description: 'The signed-in user.' })
  me(@Ctx() ctx: GraphQLContext): Promise<UserType> {
    return ctx.services.users.get(ctx.viewer!.id);
  }

  @Authorized('ADMIN')
  @Mutation(() => UserType, { description: 'Creates an account. Admin only.' })
  createUser(@Arg('input', () => CreateUserInput) input: CreateUserInput, @Ctx() ctx: GraphQLContext): Promise<UserType> {
    return ctx.services.users.create(input);
  }
}
