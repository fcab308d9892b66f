import { ObjectType } from 'type-graphql';
import { ConnectionType } from '../common/connection.type';
import { RepairType } from './repair.type';

@ObjectType('RepairConnection', { description: 'Repairs, newest first.' })
export class RepairConnectionType extends ConnectionType('Repair', RepairType) {}
