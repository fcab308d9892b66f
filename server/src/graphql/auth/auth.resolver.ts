import { Arg, Mutation, Resolver } from 'type-graphql';
import type { AuthService } from '../../domain/auth/auth.service';
import { AuthPayloadType } from './auth-payload.type';

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: Pick<AuthService, 'login'>) {}

  @Mutation(() => AuthPayloadType, { description: 'Exchanges email and password for an access token.' })
  login(
    @Arg('email', () => String) email: string,
    @Arg('password', () => String) password: string,
  ): Promise<AuthPayloadType> {
    return this.auth.login(email, password);
  }
}
