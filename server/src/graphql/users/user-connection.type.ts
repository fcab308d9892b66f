import { ObjectType } from 'type-graphql';
import { ConnectionType } from '../common/connection.type';
import { UserType } from './user.type';

@ObjectType('UserConnection', { description: 'Users, newest first.' })
export class UserConnectionType extends ConnectionType('User', UserType) {}
