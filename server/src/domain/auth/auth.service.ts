import { AUDIT_ACTIONS } from '../audit/audit-actions';
import type { AuditService } from '../audit/audit.service';
import type { AuditOrigin } from '../audit/audit.types';
import { SYSTEM_ORIGIN } from '../audit/audit.types';
import { unauthenticated } from '../errors/domain-error';
import { CONTROL_CHARACTER } from '../shared/printable-text';
import type { User } from '../users/user.entity';
import type { UserRepository } from '../users/user.repository';
import type { PasswordHasher } from './password-hasher';
import type { SessionsService } from './sessions.service';
import type { IssuedToken, TokenService } from './token.service';

export interface LoginResult extends IssuedToken {
  user: User;
}

const BAD_CREDENTIALS = 'Email or password is incorrect.';
/** What a refused sign-in's audit entry keeps of the email tried. */
const AUDITED_EMAIL_LENGTH = 254;

export class AuthService {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
    private readonly sessions: Pick<SessionsService, 'revoke'>,
  ) {}

  /** Unknown email, wrong password and a deactivated account look the same from outside; each is audited. */
  async login(email: string, password: string, origin: Omit<AuditOrigin, 'actorId'> = SYSTEM_ORIGIN): Promise<LoginResult> {
    const plausible = email.length <= 254 && password.length <= 256 && !CONTROL_CHARACTER.test(email.trim());
    const credentials = plausible ? await this.users.findCredentials(email.trim()) : undefined;
    const ok = credentials
      ? await this.hasher.verify(credentials.passwordHash, password)
      : await this.hasher.verifyAgainstDummy(password);
    const user = credentials && ok && credentials.isActive ? await this.users.findById(credentials.id) : null;
    if (!user) {
      await this.audit.record({
        origin: { ...origin, actorId: null },
        action: AUDIT_ACTIONS.SIGN_IN_FAILED,
        targetType: 'User',
        targetId: credentials?.id ?? null,
        // eslint-disable-next-line no-control-regex
        after: { email: email.trim().slice(0, AUDITED_EMAIL_LENGTH).replace(/[\u0000-\u001f\u007f]/g, '?') },
      });
      throw unauthenticated(BAD_CREDENTIALS);
    }
    const token = await this.tokens.issue({ id: user.id, role: user.role, sessionVersion: user.sessionVersion });
    await this.audit.record({ origin: { ...origin, actorId: user.id }, action: AUDIT_ACTIONS.SIGN_IN, targetType: 'User', targetId: user.id });
    return { ...token, user };
  }

  /** Ends every session of the caller (every token issued to them so far), on every replica. */
  async signOut(origin: AuditOrigin & { actorId: number }): Promise<true> {
    const version = await this.audit.inTransaction(async (record) => {
      const user = await this.users.lockForUpdate(origin.actorId);
      if (!user) throw unauthenticated();
      user.sessionVersion += 1;
      await this.users.flush();
      await record({ origin, action: AUDIT_ACTIONS.SIGN_OUT, targetType: 'User', targetId: user.id });
      return user.sessionVersion;
    });
    await this.sessions.revoke(origin.actorId, version);
    return true;
  }
}
