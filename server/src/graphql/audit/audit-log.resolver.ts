import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { AuditService } from '../../domain/audit/audit.service';
import type { AuditEntrySnapshot, AuditFilter } from '../../domain/audit/audit.types';
import { TOPICS } from '../../domain/events/topics';
import { parseId } from '../../domain/shared/ids';
import { ConnectionArgs, pageRequestOf } from '../common/connection.args';
import { toConnection, type Connection } from '../common/connection.type';
import type { GraphQLContext } from '../context';
import { UserType } from '../users/user.type';
import { AuditEntryConnectionType } from './audit-entry-connection.type';
import { AuditEntryType } from './audit-entry.type';
import { AuditLogFilterInput } from './audit-log-filter.input';

@Resolver(() => AuditEntryType)
export class AuditLogResolver {
  constructor(private readonly audit: Pick<AuditService, 'page'>) {}

  @Query(() => AuditEntryConnectionType, { description: 'The audit trail, newest first; pages forwards (first/after) or backwards (last/before). Admins only.' })
  async auditLog(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => AuditLogFilterInput, { nullable: true }) filter: AuditLogFilterInput | null,
  ): Promise<Connection<AuditEntrySnapshot>> {
    const page = await this.audit.page(filterOf(filter), pageRequestOf('audit', args));
    return toConnection('audit', page.rows, page, page.totalCount);
  }

  @Subscription(() => AuditEntryType, {
    topics: TOPICS.AUDIT_LOG_APPENDED,
    description: 'Every audit entry as it is committed. Ends with CONFLICT (reason EVENTS_MISSED) if events were missed: query again, then resubscribe. Admins only.',
  })
  auditLogAppended(@Root() entry: AuditEntrySnapshot): AuditEntrySnapshot {
    return entry;
  }

  @FieldResolver(() => UserType, { nullable: true, description: 'Who did it; null for jobs and refused sign-ins.' })
  async actor(@Root() entry: AuditEntrySnapshot, @Ctx() ctx: GraphQLContext): Promise<UserType | null> {
    return entry.actorId === null ? null : ctx.loaders.user.load(entry.actorId);
  }

  @FieldResolver(() => Date, { description: 'When it was recorded (its transaction’s time).' })
  at(@Root() entry: AuditEntrySnapshot): Date {
    return entry.recordedAt;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The target before, as JSON (secrets redacted).' })
  before(@Root() entry: AuditEntrySnapshot): string | null {
    return entry.before === null ? null : JSON.stringify(entry.before);
  }

  @FieldResolver(() => String, { nullable: true, description: 'The target after, as JSON (secrets redacted).' })
  after(@Root() entry: AuditEntrySnapshot): string | null {
    return entry.after === null ? null : JSON.stringify(entry.after);
  }
}

function filterOf(input: AuditLogFilterInput | null): AuditFilter {
  return {
    ...(input?.actorId ? { actorId: parseId(input.actorId, 'filter.actorId') } : {}),
    ...(input?.action ? { action: input.action } : {}),
    ...(input?.targetType ? { targetType: input.targetType } : {}),
    ...(input?.since ? { since: input.since } : {}),
    ...(input?.until ? { until: input.until } : {}),
  };
}
