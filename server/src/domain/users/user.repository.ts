import { LockMode } from '@mikro-orm/core';
import type { SessionState } from '../auth/session-state';
import type { Orm } from '../database/database';
import { entityData } from '../database/entity-rows';
import { keysetPage, type KeysetPage, type KeysetRows } from '../database/keyset-page';
import { query } from '../database/sql';
import type { Role } from '../shared/specialization';
import { User } from './user.entity';

export interface NewUser {
  email: string;
  passwordHash: string;
  fullName: string;
  role: Role;
  mustChangePassword?: boolean;
}

/** Users through their entity, on the unit of work's EntityManager fork. */
export class UserRepository {
  constructor(private readonly orm: Orm) {}

  async insert(user: NewUser): Promise<User> {
    const em = this.orm.em;
    const created = em.create(User, { ...user, isActive: true, mustChangePassword: user.mustChangePassword ?? false });
    await em.flush();
    return created;
  }

  async findById(id: number): Promise<User | null> {
    if (!isRowId(id)) return null;
    return this.orm.em.findOne(User, id);
  }

  /** One statement for a batch of ids (the GraphQL user loader's batch); ids that cannot be row ids match nothing. */
  async findByIds(ids: readonly number[]): Promise<User[]> {
    const wanted = [...new Set(ids.filter(isRowId))];
    if (wanted.length === 0) return [];
    // The loader runs in most dashboard operations: one fixed statement, the rows mapped by the entity
    // (not hydrated), costs a fraction of building the same query through the query builder each time.
    const em = this.orm.em;
    const rows = await query<object>(em, 'select * from users where id = any(?::int[])', [wanted]);
    return rows.map((row) => entityData(em, User, row) as User);
  }

  /** The credential row for a login; email matching is case-insensitive like the unique index on lower(email). */
  async findCredentials(email: string): Promise<{ id: number; role: Role; passwordHash: string; isActive: boolean } | undefined> {
    // Mapped values, not a managed entity: a partly loaded User in the identity map would stand in
    // for the whole user later in the same unit of work.
    const row = await this.orm.em
      .createQueryBuilder(User)
      .select(['id', 'role', 'passwordHash', 'isActive'])
      .where('lower(email) = lower(?)', [email])
      .limit(1)
      .execute<Pick<User, 'id' | 'role' | 'passwordHash' | 'isActive'> | undefined>('get');
    return row && { id: row.id, role: row.role, passwordHash: row.passwordHash, isActive: row.isActive };
  }

  /** What a session check needs of the row (sessions.service.ts); null for no such user. */
  async findSessionState(id: number): Promise<SessionState | null> {
    if (!isRowId(id)) return null;
    const row = await this.orm.em
      .createQueryBuilder(User)
      .select(['role', 'isActive', 'sessionVersion', 'mustChangePassword'])
      .where({ id })
      .execute<Pick<User, 'role' | 'isActive' | 'sessionVersion' | 'mustChangePassword'> | undefined>('get');
    return row ? { role: row.role, isActive: row.isActive, sessionVersion: row.sessionVersion, mustChangePassword: row.mustChangePassword } : null;
  }

  /** The user, locked for the rest of the transaction (FOR UPDATE), password hash included. */
  async lockForUpdate(id: number): Promise<User | null> {
    if (!isRowId(id)) return null;
    return this.orm.em.findOne(User, id, { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['passwordHash'] });
  }

  /**
   * The active admins' ids, locked in id order for the rest of the transaction: two admins demoting
   * each other at once are serialised, and the second sees the first's change.
   */
  async lockActiveAdmins(): Promise<number[]> {
    const rows = await query<{ id: number }>(this.orm.em, `select id from users where role = 'ADMIN' and is_active order by id for update`);
    return rows.map((row) => row.id);
  }

  /** Writes the managed entities changed in this unit of work (inside a transaction: in it). */
  flush(): Promise<void> {
    return this.orm.em.flush();
  }

  /** Newest first, keyset on the primary key; `search` matches email or full name, case-insensitively. */
  async page(search: string | undefined, page: KeysetPage): Promise<KeysetRows<User>> {
    const { rows, ...flags } = await keysetPage(page, (range, order, limit) =>
      this.orm.em
        .createQueryBuilder(User)
        .where({ ...range, ...searchOf(search) })
        .orderBy({ id: order })
        .limit(limit)
        .execute('all'),
    );
    return { rows: rows as User[], ...flags };
  }

  count(search: string | undefined): Promise<number> {
    return this.orm.em.count(User, searchOf(search));
  }
}

/** `%` and `_` in what was typed match themselves. */
function searchOf(search: string | undefined): object {
  if (!search) return {};
  const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return { $or: [{ email: { $ilike: pattern } }, { fullName: { $ilike: pattern } }] };
}

/** `users.id` is a positive int4. */
function isRowId(id: number): boolean {
  return Number.isInteger(id) && id > 0 && id <= 2_147_483_647;
}
