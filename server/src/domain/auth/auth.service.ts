import { unauthenticated } from '../errors/domain-error';
import type { User } from '../users/user.entity';
import type { UserRepository } from '../users/user.repository';
import type { PasswordHasher } from './password-hasher';
import type { IssuedToken, TokenService } from './token.service';

export interface LoginResult extends IssuedToken {
  user: User;
}

const BAD_CREDENTIALS = 'Email or password is incorrect.';
// No stored email holds a control character (user-input.ts refuses them), and PostgreSQL refuses NUL in text.
// eslint-disable-next-line no-control-regex
const IMPOSSIBLE_EMAIL = /[\u0000-\u001f\u007f]/;

export class AuthService {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
  ) {}

  /** Unknown email, wrong password and a deactivated account look the same from outside. */
  async login(email: string, password: string): Promise<LoginResult> {
    const plausible = email.length <= 254 && password.length <= 256 && !IMPOSSIBLE_EMAIL.test(email.trim());
    const credentials = plausible ? await this.users.findCredentials(email.trim()) : undefined;
    const ok = credentials
      ? await this.hasher.verify(credentials.passwordHash, password)
      : await this.hasher.verifyAgainstDummy(password);
    if (!credentials || !ok || !credentials.isActive) throw unauthenticated(BAD_CREDENTIALS);
    const user = await this.users.findById(credentials.id);
    if (!user) throw unauthenticated(BAD_CREDENTIALS);
    const token = await this.tokens.issue({ id: user.id, role: user.role });
    return { ...token, user };
  }
}
