import { Field, ID, ObjectType } from 'type-graphql';
import { AUDIT_ACTIONS } from '../../domain/audit/audit-actions';

/** Fields mirror `AuditEntrySnapshot`; `actor`, `before`, `after` and `at` come from AuditLogResolver. */
@ObjectType('AuditEntry', { description: 'One state-changing action, append-only (PostgreSQL refuses UPDATE and DELETE on the table).', simpleResolvers: true })
export class AuditEntryType {
  @Field(() => ID)
  id!: number;

  @Field({ description: `A stable name: ${Object.values(AUDIT_ACTIONS).join(', ')} (and more as features add them).` })
  action!: string;

  actorId!: number | null;

  @Field(() => String, { nullable: true, description: 'What was acted on: User, Pair (studentId:SPECIALIZATION), CheckRun, AuditLog.' })
  targetType!: string | null;

  @Field(() => String, { nullable: true })
  targetId!: string | null;

  before!: Record<string, unknown> | null;

  after!: Record<string, unknown> | null;

  @Field(() => String, { nullable: true, description: 'The client’s IP address, as the rate limits see it (TRUST_PROXY).' })
  clientAddress!: string | null;

  @Field(() => String, { nullable: true, description: 'The x-request-id of the HTTP request (or the WebSocket operation) that did it.' })
  requestId!: string | null;

  recordedAt!: Date;
}
