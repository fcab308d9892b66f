import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { Role } from '../shared/specialization';

@Entity({ tableName: 'users' })
export class User {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'text' })
  email!: string;

  @Property({ type: 'text', hidden: true, lazy: true })
  passwordHash!: string;

  @Property({ type: 'text' })
  fullName!: string;

  @Property({ type: 'text' })
  role!: Role;

  @Property({ type: 'boolean' })
  isActive: boolean = true;

  @Property({ type: 'Date', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'Date', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
