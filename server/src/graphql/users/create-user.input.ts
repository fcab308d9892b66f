import { IsEmail, IsIn, Length, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { ROLES, type Role } from '../../domain/shared/specialization';
import { RoleEnum } from '../common/enums';

@InputType()
export class CreateUserInput {
  @Field({ description: 'Unique, case-insensitive; at most 254 characters.' })
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be a valid email address' })
  email!: string;

  @Field({ description: '12 to 256 characters, not a commonly breached password.' })
  @Length(12, 256)
  password!: string;

  @Field({ description: '1 to 200 characters.' })
  @Length(1, 200)
  fullName!: string;

  @Field(() => RoleEnum)
  @IsIn(ROLES)
  role!: Role;
}
