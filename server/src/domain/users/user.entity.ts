import { Check, Entity, Enum, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
import { ROLES, type Role } from '../shared/specialization';

@Entity({ tableName: 'users' })
// Case-insensitive uniqueness: logins match lower(email) against this index.
@Unique({ name: 'users_email_key', expression: 'create unique index users_email_key on users (lower(email))' })
@Check({ name: 'users_email_check', expression: '(char_length(email) >= 3) AND (char_length(email) <= 254)' })
@Check({ name: 'users_full_name_check', expression: '(char_length(full_name) >= 1) AND (char_length(full_name) <= 200)' })
export class User {
  @PrimaryKey({ type: 'integer', generated: 'by default as identity' })
  id!: number;

  @Property({ type: 'text' })
  email!: string;

  @Property({ type: 'text', hidden: true, lazy: true })
  passwordHash!: string;

  @Property({ type: 'text' })
  fullName!: string;

  @Enum({ items: () => ROLES })
  role!: Role;

  @Property({ type: 'boolean', default: true })
  isActive: boolean & Opt = true;

  /** Raised by every change that must end the user's sessions (deactivation, role, password): tokens carry the version they were issued at. */
  @Property({ type: 'integer', default: 0 })
  sessionVersion: number & Opt = 0;

  /** Set by a one-time password (created or reset by an admin): the user changes it before anything else. */
  @Property({ type: 'boolean', default: false })
  mustChangePassword: boolean & Opt = false;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}
