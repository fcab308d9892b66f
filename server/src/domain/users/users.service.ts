import { randomBytes } from 'node:crypto';
import { AUDIT_ACTIONS } from '../audit/audit-actions';
import type { AuditService } from '../audit/audit.service';
import { SYSTEM_ORIGIN, type AuditOrigin } from '../audit/audit.types';
import type { PasswordHasher } from '../auth/password-hasher';
import type { SessionsService } from '../auth/sessions.service';
import { checkPageSize, type KeysetPage, type KeysetRows } from '../database/keyset-page';
import { uniqueViolation } from '../database/sql';
import { badInput, conflict, notFound, unauthenticated } from '../errors/domain-error';
import type { Role } from '../shared/specialization';
import type { User } from './user.entity';
import { checkNewPassword, checkRole, normaliseEmail, normaliseFullName, normaliseSearch } from './user-input';
import type { UserRepository } from './user.repository';

export interface CreateUserCommand {
  email: string;
  password: string;
  fullName: string;
  role: Role | string;
}

export type InviteUserCommand = Omit<CreateUserCommand, 'password'>;

/** What updateUser may change; an absent (or null) field stays as it is. */
export interface UpdateUserCommand {
  fullName?: string | null;
  role?: Role | string | null;
  isActive?: boolean | null;
}

/** A user made with a one-time password, shown to the admin once and never stored in clear. */
export interface InvitedUser {
  user: User;
  initialPassword: string;
}

/** What the audit keeps of a user: never the hash. */
const auditedUser = (user: User) => ({ email: user.email, fullName: user.fullName, role: user.role, isActive: user.isActive });

/** 24 characters of base64url: 144 random bits. */
const oneTimePassword = (): string => randomBytes(18).toString('base64url');

/**
 * Accounts: creation, changes by admins, passwords. Every change is audited in its own transaction
 * (audit.service.ts), and one that must end the user's sessions (deactivation, role, password reset)
 * raises `session_version` in it and revokes them everywhere once committed (sessions.service.ts).
 */
export class UsersService {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly sessions: Pick<SessionsService, 'revoke'>,
  ) {}

  async create(command: CreateUserCommand, origin: AuditOrigin = SYSTEM_ORIGIN): Promise<User> {
    const email = normaliseEmail(command.email);
    checkNewPassword(command.password, email);
    return this.insert(origin, { email, fullName: command.fullName, role: command.role }, command.password, false);
  }

  /** An account with a one-time password the user must change at first sign-in. */
  async invite(command: InviteUserCommand, origin: AuditOrigin): Promise<InvitedUser> {
    const initialPassword = oneTimePassword();
    const user = await this.insert(origin, { ...command, email: normaliseEmail(command.email) }, initialPassword, true);
    return { user, initialPassword };
  }

  /**
   * Changes a user's name, role or active flag. Never leaves no active admin (CONFLICT, reason
   * LAST_ACTIVE_ADMIN), and an admin cannot deactivate themself (BAD_USER_INPUT, reason
   * CANNOT_DEACTIVATE_SELF). Deactivating or changing the role ends the user's sessions.
   */
  async update(origin: AuditOrigin, idRaw: number, command: UpdateUserCommand): Promise<User> {
    const fullName = command.fullName === undefined || command.fullName === null ? undefined : normaliseFullName(command.fullName);
    const role = command.role === undefined || command.role === null ? undefined : checkRole(command.role);
    const isActive = command.isActive ?? undefined;
    if (isActive === false && origin.actorId === idRaw) {
      throw badInput('You cannot deactivate your own account; ask another admin', { field: 'input.isActive', reason: 'CANNOT_DEACTIVATE_SELF' });
    }
    const { user, revokeAt } = await this.audit.inTransaction(async (record) => {
      const admins = await this.users.lockActiveAdmins();
      const user = await this.lockedUser(idRaw);
      const before = auditedUser(user);
      const losesAdmin = user.role === 'ADMIN' && user.isActive && ((role !== undefined && role !== 'ADMIN') || isActive === false);
      if (losesAdmin && admins.filter((id) => id !== user.id).length === 0) {
        throw conflict('This is the last active admin: make another admin first', { reason: 'LAST_ACTIVE_ADMIN' });
      }
      const endsSessions = (role !== undefined && role !== user.role) || (isActive === false && user.isActive);
      if (fullName !== undefined) user.fullName = fullName;
      if (role !== undefined) user.role = role;
      if (isActive !== undefined) user.isActive = isActive;
      if (endsSessions) user.sessionVersion += 1;
      await this.users.flush();
      const after = auditedUser(user);
      if (JSON.stringify(before) !== JSON.stringify(after)) {
        const action = before.role !== after.role ? AUDIT_ACTIONS.ROLE_CHANGED : AUDIT_ACTIONS.USER_UPDATED;
        await record({ origin, action, targetType: 'User', targetId: user.id, before, after });
      }
      return { user, revokeAt: endsSessions ? user.sessionVersion : null };
    });
    if (revokeAt !== null) await this.sessions.revoke(user.id, revokeAt);
    return user;
  }

  /** Sets a one-time password (returned once) the user must change at next sign-in, and ends their sessions. */
  async resetPassword(origin: AuditOrigin, userIdRaw: number): Promise<string> {
    const password = oneTimePassword();
    const passwordHash = await this.hasher.hash(password);
    const user = await this.audit.inTransaction(async (record) => {
      const user = await this.lockedUser(userIdRaw);
      user.passwordHash = passwordHash;
      user.mustChangePassword = true;
      user.sessionVersion += 1;
      await this.users.flush();
      await record({ origin, action: AUDIT_ACTIONS.PASSWORD_RESET, targetType: 'User', targetId: user.id, after: { mustChangePassword: true } });
      return user;
    });
    await this.sessions.revoke(user.id, user.sessionVersion);
    return password;
  }

  /**
   * A user's own new password, the current one required (UNAUTHENTICATED when wrong). Keeps the
   * session it is called from; clears a one-time password's must-change flag everywhere at once.
   */
  async changePassword(origin: AuditOrigin & { actorId: number }, currentPassword: string, newPassword: string): Promise<true> {
    const user = await this.get(origin.actorId);
    checkNewPassword(newPassword, user.email);
    const saved = await this.audit.inTransaction(async (record) => {
      const locked = await this.lockedUser(origin.actorId);
      if (!(await this.hasher.verify(locked.passwordHash, currentPassword))) {
        throw unauthenticated('The current password is incorrect.');
      }
      if (await this.hasher.verify(locked.passwordHash, newPassword)) {
        throw badInput('The new password must differ from the current one', { field: 'newPassword' });
      }
      locked.passwordHash = await this.hasher.hash(newPassword);
      const wasOneTime = locked.mustChangePassword;
      locked.mustChangePassword = false;
      await this.users.flush();
      await record({ origin, action: AUDIT_ACTIONS.PASSWORD_CHANGED, targetType: 'User', targetId: locked.id, after: { wasOneTimePassword: wasOneTime } });
      return locked;
    });
    // Same version: no token ends, but every replica re-reads the row (the must-change flag is gone).
    await this.sessions.revoke(saved.id, saved.sessionVersion);
    return true;
  }

  async get(id: number): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw notFound(`User ${id} does not exist`);
    return user;
  }

  findMany(ids: readonly number[]): Promise<User[]> {
    return this.users.findByIds(ids);
  }

  /** Users newest first; `search` matches email or full name. */
  async page(search: string | null | undefined, page: KeysetPage): Promise<KeysetRows<User> & { totalCount: () => Promise<number> }> {
    const wanted = normaliseSearch(search);
    const rows = await this.users.page(wanted, checkPageSize(page));
    return { ...rows, totalCount: () => this.users.count(wanted) };
  }

  /** Creates the configured admin once; an existing account with that email is left untouched. */
  async ensureAdmin(email: string, password: string): Promise<'created' | 'existing'> {
    if (await this.users.findCredentials(email)) return 'existing';
    try {
      await this.create({ email, password, fullName: 'Administrator', role: 'ADMIN' });
      return 'created';
    } catch (error) {
      if ((error as { code?: string }).code === 'CONFLICT') return 'existing';
      throw error;
    }
  }

  private async insert(origin: AuditOrigin, fields: InviteUserCommand, password: string, mustChangePassword: boolean): Promise<User> {
    const email = fields.email;
    const fullName = normaliseFullName(fields.fullName);
    const role = checkRole(fields.role);
    const passwordHash = await this.hasher.hash(password);
    try {
      return await this.audit.inTransaction(async (record) => {
        const user = await this.users.insert({ email, fullName, role, passwordHash, mustChangePassword });
        await record({ origin, action: AUDIT_ACTIONS.USER_CREATED, targetType: 'User', targetId: user.id, after: { ...auditedUser(user), mustChangePassword } });
        return user;
      });
    } catch (error) {
      if (uniqueViolation(error)) throw conflict(`A user with email ${email} already exists`, { field: 'email' });
      throw error;
    }
  }

  private async lockedUser(id: number): Promise<User> {
    const user = await this.users.lockForUpdate(id);
    if (!user) throw notFound(`User ${id} does not exist`, { field: 'id' });
    return user;
  }
}
