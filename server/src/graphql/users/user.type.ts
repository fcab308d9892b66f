import { Field, ID, ObjectType } from 'type-graphql';
import type { Role } from '../../domain/shared/specialization';
import { RoleEnum } from '../common/enums';

/** `permissions` comes from UserResolver. */
@ObjectType('User', { description: 'A person with an account: admin, operator, viewer, instructor or student.', simpleResolvers: true })
export class UserType {
  @Field(() => ID)
  id!: number;

  @Field()
  email!: string;

  @Field()
  fullName!: string;

  @Field(() => RoleEnum)
  role!: Role;

  @Field()
  isActive!: boolean;

  @Field({ description: 'Holding a one-time password: only me, changePassword and signOut work until it is changed.' })
  mustChangePassword!: boolean;

  @Field()
  createdAt!: Date;
}
