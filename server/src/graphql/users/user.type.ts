import { Field, ID, ObjectType } from 'type-graphql';
import type { Role } from '../../domain/shared/specialization';
import { RoleEnum } from '../common/enums';

@ObjectType('User', { description: 'A person with an account: admin, instructor or student.', simpleResolvers: true })
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
}
