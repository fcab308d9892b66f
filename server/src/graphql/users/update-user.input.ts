import { Allow } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import type { Role } from '../../domain/shared/specialization';
import { RoleEnum } from '../common/enums';

/** What updateUser changes; an absent field stays as it is. Rules are UsersService's (domain/users/user-input.ts). */
@InputType('UpdateUserInput')
export class UpdateUserInput {
  @Field(() => String, { nullable: true, description: '1 to 200 characters.' })
  @Allow()
  fullName?: string | null;

  @Field(() => RoleEnum, { nullable: true, description: 'A change ends the user’s sessions (they sign in again).' })
  @Allow()
  role?: Role | null;

  @Field(() => Boolean, { nullable: true, description: 'false deactivates (ends the user’s sessions at once), true reactivates.' })
  @Allow()
  isActive?: boolean | null;
}
