import { Field, ObjectType } from 'type-graphql';
import { UserType } from './user.type';

@ObjectType('InvitedUser', { simpleResolvers: true })
export class InvitedUserType {
  @Field(() => UserType)
  user!: UserType;

  @Field({ description: 'A one-time password, shown this once and stored only as a hash: hand it to the user, who must change it at first sign-in.' })
  initialPassword!: string;
}
