import type { Orm } from '../database/database';
import { query } from '../database/sql';
import type { Role } from '../shared/specialization';
import type { User } from './user.entity';

export interface NewUser {
  email: string;
  passwordHash: string;
  fullName: string;
  role: Role;
}

// Timestamps arrive as text: MikroORM's pg setup turns off the driver's date parsing.
interface UserRow {
  id: number;
  email: string;
  full_name: string;
  role: Role;
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

const USER_COLUMNS = 'id, email, full_name, role, is_active, created_at, updated_at';

/** A User's columns without the password hash (which the entity loads lazily); a plain object, not a managed entity. */
function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    fullName: row.full_name,
    role: row.role,
    isActive: row.is_active,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  } as User;
}

/**
 * Users in plain SQL. No entity manager fork or unit of work on these paths: the user loader runs on
 * every dashboard request, and MikroORM's flush enters an AsyncLocalStorage, which in Node 20 turns
 * on promise hooks for the rest of the process (a cost on every promise of every request).
 */
export class UserRepository {
  constructor(private readonly orm: Orm) {}

  async insert(user: NewUser): Promise<User> {
    const [row] = await query<UserRow>(
      this.orm.em.getKnex(),
      `insert into users (email, password_hash, full_name, role, is_active) values (?, ?, ?, ?, true)
       returning ${USER_COLUMNS}`,
      [user.email, user.passwordHash, user.fullName, user.role],
    );
    return toUser(row!);
  }

  async findById(id: number): Promise<User | null> {
    if (!isRowId(id)) return null;
    const [row] = await query<UserRow>(this.orm.em.getKnex(), `select ${USER_COLUMNS} from users where id = ?`, [id]);
    return row ? toUser(row) : null;
  }

  /** One statement for a batch of ids (the GraphQL user loader's batch); ids that cannot be row ids match nothing. */
  async findByIds(ids: readonly number[]): Promise<User[]> {
    const wanted = [...new Set(ids.filter(isRowId))];
    if (wanted.length === 0) return [];
    const rows = await query<UserRow>(this.orm.em.getKnex(), `select ${USER_COLUMNS} from users where id = any(?::int[])`, [
      `{${wanted.join(',')}}`,
    ]);
    return rows.map(toUser);
  }

  /** The credential row for a login; email matching is case-insensitive like the unique index. */
  async findCredentials(email: string): Promise<{ id: number; role: Role; passwordHash: string; isActive: boolean } | undefined> {
    const [row] = await query<{ id: number; role: Role; password_hash: string; is_active: boolean }>(
      this.orm.em.getKnex(),
      'select id, role, password_hash, is_active from users where lower(email) = lower(?)',
      [email],
    );
    return row && { id: row.id, role: row.role, passwordHash: row.password_hash, isActive: row.is_active };
  }
}

/** `users.id` is a positive int4. */
function isRowId(id: number): boolean {
  return Number.isInteger(id) && id > 0 && id <= 2_147_483_647;
}
