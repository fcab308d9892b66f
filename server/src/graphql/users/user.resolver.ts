import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { permissionsOf } from '../../domain/auth/permissions';
import { parseId } from '../../domain/shared/ids';
import type { User } from '../../domain/users/user.entity';
import type { UsersService } from '../../domain/users/users.service';
import { actorOf } from '../common/audit-origin';
import { ConnectionArgs, pageRequestOf } from '../common/connection.args';
import { toConnection, type Connection } from '../common/connection.type';
import type { GraphQLContext } from '../context';
import { CreateUserInput } from './create-user.input';
import { InviteUserInput } from './invite-user.input';
import { InvitedUserType } from './invited-user.type';
import { UpdateUserInput } from './update-user.input';
import { UserConnectionType } from './user-connection.type';
import { UserType } from './user.type';

@Resolver(() => UserType)
export class UserResolver {
  constructor(
    private readonly accounts: Pick<UsersService, 'get' | 'create' | 'invite' | 'update' | 'resetPassword' | 'changePassword' | 'page'>,
  ) {}

  @Query(() => UserType, { description: 'The signed-in user.' })
  me(@Ctx() ctx: GraphQLContext): Promise<UserType> {
    return this.accounts.get(ctx.viewer!.id);
  }

  @Query(() => UserConnectionType, { description: 'Every account, newest first; `search` matches email or full name. Admins only.' })
  async users(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('search', () => String, { nullable: true }) search: string | null,
  ): Promise<Connection<User>> {
    const page = await this.accounts.page(search, pageRequestOf('user', args));
    return toConnection('user', page.rows, page, page.totalCount);
  }

  @Mutation(() => UserType, { description: 'Creates an account with the password given. Admins only.' })
  createUser(@Arg('input', () => CreateUserInput) input: CreateUserInput, @Ctx() ctx: GraphQLContext): Promise<UserType> {
    return this.accounts.create(input, actorOf(ctx));
  }

  @Mutation(() => InvitedUserType, { description: 'Creates an account with a one-time password, returned this once. Admins only.' })
  inviteUser(@Arg('input', () => InviteUserInput) input: InviteUserInput, @Ctx() ctx: GraphQLContext): Promise<InvitedUserType> {
    return this.accounts.invite(input, actorOf(ctx));
  }

  @Mutation(() => UserType, {
    description:
      'Changes a user’s name, role or active flag. A role change or a deactivation ends their sessions on every replica within seconds. CONFLICT with reason LAST_ACTIVE_ADMIN if no active admin would be left; BAD_USER_INPUT with reason CANNOT_DEACTIVATE_SELF for your own account. Admins only.',
  })
  updateUser(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateUserInput) input: UpdateUserInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<UserType> {
    return this.accounts.update(actorOf(ctx), parseId(id, 'id'), input);
  }

  @Mutation(() => String, {
    description: 'Sets a one-time password for the user and returns it, this once; ends their sessions, and they must change it at next sign-in. Admins only.',
  })
  resetPassword(@Arg('userId', () => ID) userId: string, @Ctx() ctx: GraphQLContext): Promise<string> {
    return this.accounts.resetPassword(actorOf(ctx), parseId(userId, 'userId'));
  }

  @Mutation(() => Boolean, {
    description: 'Changes your own password (12 to 256 characters, not a common one); UNAUTHENTICATED if currentPassword is wrong. Your session stays signed in.',
  })
  changePassword(
    @Arg('currentPassword', () => String) currentPassword: string,
    @Arg('newPassword', () => String) newPassword: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<boolean> {
    return this.accounts.changePassword(actorOf(ctx), currentPassword, newPassword);
  }

  @FieldResolver(() => [String], {
    description: 'The operations this user’s role may run, as `Type.field` (e.g. `Mutation.resyncLicense`): the dashboard disables the rest.',
  })
  permissions(@Root() user: UserType): string[] {
    return permissionsOf(user.role);
  }
}
