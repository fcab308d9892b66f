import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { AuthService } from '../../domain/auth/auth.service';
import { actorOf, originOf } from '../common/audit-origin';
import type { GraphQLContext } from '../context';
import { AuthPayloadType } from './auth-payload.type';

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: Pick<AuthService, 'login' | 'signOut'>) {}

  @Mutation(() => AuthPayloadType, { description: 'Exchanges email and password for an access token. Audited (SIGN_IN, or SIGN_IN_FAILED with the email tried).' })
  login(
    @Arg('email', () => String) email: string,
    @Arg('password', () => String) password: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AuthPayloadType> {
    return this.auth.login(email, password, originOf(ctx));
  }

  @Mutation(() => Boolean, { description: 'Ends every session of yours: each token issued to you so far stops working on every replica, and your WebSockets close.' })
  signOut(@Ctx() ctx: GraphQLContext): Promise<boolean> {
    return this.auth.signOut(actorOf(ctx));
  }
}
