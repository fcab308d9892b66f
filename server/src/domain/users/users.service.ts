import type { PasswordHasher } from '../auth/password-hasher';
import { conflict, notFound } from '../errors/domain-error';
import { uniqueViolation } from '../database/sql';
import type { Role } from '../shared/specialization';
import type { User } from './user.entity';
import { checkNewPassword, checkRole, normaliseEmail, normaliseFullName } from './user-input';
import type { UserRepository } from './user.repository';

export interface CreateUserCommand {
  email: string;
  password: string;
  fullName: string;
  role: Role | string;
}

export class UsersService {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async create(command: CreateUserCommand): Promise<User> {
    const email = normaliseEmail(command.email);
    const fullName = normaliseFullName(command.fullName);
    const role = checkRole(command.role);
    checkNewPassword(command.password, email);
    const passwordHash = await this.hasher.hash(command.password);
    try {
      return await this.users.insert({ email, fullName, role, passwordHash });
    } catch (error) {
      if (uniqueViolation(error)) throw conflict(`A user with email ${email} already exists`, { field: 'email' });
      throw error;
    }
  }

  async get(id: number): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw notFound(`User ${id} does not exist`);
    return user;
  }

  findMany(ids: readonly number[]): Promise<User[]> {
    return this.users.findByIds(ids);
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
}
