import { Allow } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import type { Role } from '../../domain/shared/specialization';
import { RoleEnum } from '../common/enums';

/** An account whose first password LevelSync makes (see inviteUser); createUser adds the password. */
@InputType('InviteUserInput')
export class InviteUserInput {
  @Field({ description: 'Unique, case-insensitive; at most 254 characters.' })
  @Allow()
  email!: string;

  @Field({ description: '1 to 200 characters.' })
  @Allow()
  fullName!: string;

  @Field(() => RoleEnum)
  @Allow()
  role!: Role;
}
