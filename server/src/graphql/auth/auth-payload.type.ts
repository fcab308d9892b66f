import { Field, ObjectType } from 'type-graphql';
import { UserType } from '../users/user.type';

@ObjectType('AuthPayload')
export class AuthPayloadType {
  @Field({ description: 'Send as `Authorization: Bearer <accessToken>`, or as `authorization` in connection_init.' })
  accessToken!: string;

  @Field()
  expiresAt!: Date;

  @Field(() => UserType)
  user!: UserType;
}
