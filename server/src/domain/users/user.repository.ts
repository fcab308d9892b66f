import type { Orm } from '../database/database';
import { entityData } from '../database/entity-rows';
import { query } from '../database/sql';
import type { Role } from '../shared/specialization';
import { User } from './user.entity';

export interface NewUser {
  email: string;
  passwordHash: string;
  fullName: string;
  role: Role;
}

/** Users through their entity, on the unit of work's EntityManager fork. */
export class UserRepository {
  constructor(private readonly orm: Orm) {}

  async insert(user: NewUser): Promise<User> {
    const em = this.orm.em;
    const created = em.create(User, { ...user, isActive: true });
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
}

/** `users.id` is a positive int4. */
function isRowId(id: number): boolean {
  return Number.isInteger(id) && id > 0 && id <= 2_147_483_647;
}
