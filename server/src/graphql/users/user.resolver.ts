import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { UsersService } from '../../domain/users/users.service';
import type { GraphQLContext } from '../context';
import { CreateUserInput } from './create-user.input';
import { UserType } from './user.type';

@Resolver(() => UserType)
export class UserResolver {
  constructor(private readonly users: Pick<UsersService, 'get' | 'create'>) {}

  @Authorized()
  @Query(() => UserType, { description: 'The signed-in user.' })
  me(@Ctx() ctx: GraphQLContext): Promise<UserType> {
    return this.users.get(ctx.viewer!.id);
  }

  @Authorized('ADMIN')
  @Mutation(() => UserType, { description: 'Creates an account. Admin only.' })
  createUser(@Arg('input', () => CreateUserInput) input: CreateUserInput): Promise<UserType> {
    return this.users.create(input);
  }
}
