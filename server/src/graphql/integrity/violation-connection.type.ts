import { ObjectType } from 'type-graphql';
import { ConnectionType } from '../common/connection.type';
import { ViolationType } from './violation.type';

@ObjectType('ViolationConnection', { description: 'Violations, newest first.' })
export class ViolationConnectionType extends ConnectionType('Violation', ViolationType) {}
