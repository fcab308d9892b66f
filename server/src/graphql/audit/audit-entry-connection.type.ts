import { ObjectType } from 'type-graphql';
import { ConnectionType } from '../common/connection.type';
import { AuditEntryType } from './audit-entry.type';

@ObjectType('AuditEntryConnection', { description: 'Audit entries, newest first.' })
export class AuditEntryConnectionType extends ConnectionType('AuditEntry', AuditEntryType) {}
