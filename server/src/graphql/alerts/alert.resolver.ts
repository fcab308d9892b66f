import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { AlertRule } from '../../domain/alerts/alert-rule.entity';
import type { AlertSnapshot } from '../../domain/alerts/alert.types';
import type { Alert } from '../../domain/alerts/alert.entity';
import type { AlertsService } from '../../domain/alerts/alerts.service';
import { TOPICS } from '../../domain/events/topics';
import { parseId } from '../../domain/shared/ids';
import { actorOf } from '../common/audit-origin';
import { ConnectionArgs, pageRequestOf } from '../common/connection.args';
import { toConnection, type Connection } from '../common/connection.type';
import type { GraphQLContext } from '../context';
import { UserType } from '../users/user.type';
import { AlertConnectionType } from './alert-connections.type';
import { AlertFilterInput } from './alert-inputs';
import { AlertRuleType } from './alert-rule.type';
import { AlertType } from './alert.type';

type AlertRow = Alert | AlertSnapshot;

@Resolver(() => AlertType)
export class AlertResolver {
  constructor(private readonly service: AlertsService) {}

  @Query(() => AlertConnectionType, { description: 'Alerts, newest first (firingOnly: those firing now).' })
  async alerts(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => AlertFilterInput, { nullable: true }) filter: AlertFilterInput | null,
  ): Promise<Connection<Alert>> {
    const page = await this.service.alertsPage(
      { firingOnly: filter?.firingOnly ?? false, ruleId: filter?.ruleId ? parseId(filter.ruleId, 'filter.ruleId') : undefined },
      pageRequestOf('alert', args),
    );
    return toConnection('alert', page.rows, page, page.totalCount);
  }

  @Mutation(() => AlertType, { description: 'Acknowledges an alert (who, when): it stops repeating until it resolves or escalates.' })
  acknowledgeAlert(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<Alert> {
    return this.service.acknowledge(actorOf(ctx), parseId(id, 'id'));
  }

  @Subscription(() => AlertType, {
    topics: TOPICS.ALERTS_CHANGED,
    description: 'Every alert transition (pending, firing, escalation, resolution) and acknowledgement. Deltas: read `alerts` by query after subscribing or reconnecting.',
  })
  alertsChanged(@Root() alert: AlertSnapshot): AlertSnapshot {
    return alert;
  }

  @FieldResolver(() => AlertRuleType)
  rule(@Root() alert: AlertRow): Promise<AlertRule> {
    return this.service.rule(alert.ruleId);
  }

  @FieldResolver(() => UserType, { nullable: true })
  async acknowledgedBy(@Root() alert: AlertRow, @Ctx() ctx: GraphQLContext): Promise<UserType | null> {
    return alert.acknowledgedById ? ((await ctx.loaders.user.load(alert.acknowledgedById)) as UserType | null) : null;
  }
}
