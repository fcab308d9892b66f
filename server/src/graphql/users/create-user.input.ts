import { Allow } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import type { Role } from '../../domain/shared/specialization';
import { RoleEnum } from '../common/enums';

/**
 * Its rules are UsersService's (domain/users/user-input.ts), checked once there for every caller.
 * @Allow: known to class-validator, which refuses objects it knows nothing of.
 */
@InputType()
export class CreateUserInput {
  @Field({ description: 'Unique, case-insensitive; at most 254 characters.' })
  @Allow()
  email!: string;

  @Field({ description: '12 to 256 characters, not a commonly breached password.' })
  @Allow()
  password!: string;

  @Field({ description: '1 to 200 characters.' })
  @Allow()
  fullName!: string;

  @Field(() => RoleEnum)
  @Allow()
  role!: Role;
}
