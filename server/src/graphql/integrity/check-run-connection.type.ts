import { ObjectType } from 'type-graphql';
import { ConnectionType } from '../common/connection.type';
import { CheckRunType } from './check-run.type';

@ObjectType('CheckRunConnection', { description: 'Check runs, newest first.' })
export class CheckRunConnectionType extends ConnectionType('CheckRun', CheckRunType) {}
