import { Allow } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { InviteUserInput } from './invite-user.input';

/**
 * An invitation's fields and the password the admin chose. Its rules are UsersService's
 * (domain/users/user-input.ts), checked once there for every caller.
 * @Allow: known to class-validator, which refuses objects it knows nothing of.
 */
@InputType()
export class CreateUserInput extends InviteUserInput {
  @Field({ description: '12 to 256 characters, not a commonly breached password.' })
  @Allow()
  password!: string;
}
