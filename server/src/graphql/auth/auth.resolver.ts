import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context';
import { AuthPayloadType } from './auth-payload.type';

@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayloadType, { description: 'Exchanges email and password for an access token.' })
  login(
    @Arg('email', () => String) email: string,
    @Arg('password', () => String) password: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AuthPayloadType> {
    return ctx.services.auth.login(email, password);
  }
}
