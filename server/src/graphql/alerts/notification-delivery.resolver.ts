import { Arg, Args, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Alert } from '../../domain/alerts/alert.entity';
import type { AlertsService } from '../../domain/alerts/alerts.service';
import type { DeliveryAttempt } from '../../domain/alerts/delivery-attempt.entity';
import type { NotificationDelivery } from '../../domain/alerts/notification-delivery.entity';
import { parseId } from '../../domain/shared/ids';
import { ConnectionArgs, pageRequestOf } from '../common/connection.args';
import { toConnection, type Connection } from '../common/connection.type';
import { NotificationDeliveryConnectionType } from './alert-connections.type';
import { AlertType } from './alert.type';
import { channelView, NotificationChannelType } from './notification-channel.type';
import { DeliveryAttemptType, NotificationDeliveryType } from './notification-delivery.type';

@Resolver(() => NotificationDeliveryType)
export class NotificationDeliveryResolver {
  constructor(private readonly alerts: AlertsService) {}

  @Query(() => NotificationDeliveryConnectionType, { description: 'Deliveries, newest first; deadOnly: the dead-letter list (refused, or retries exhausted).' })
  async notificationDeliveries(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('channelId', () => ID, { nullable: true }) channelId: string | null,
    @Arg('deadOnly', () => Boolean, { nullable: true, defaultValue: false }) deadOnly: boolean,
  ): Promise<Connection<NotificationDelivery>> {
    const page = await this.alerts.deliveriesPage({ channelId: channelId ? parseId(channelId, 'channelId') : undefined, deadOnly }, pageRequestOf('delivery', args));
    return toConnection('delivery', page.rows, page, page.totalCount);
  }

  @FieldResolver(() => NotificationChannelType)
  async channel(@Root() delivery: NotificationDelivery): Promise<NotificationChannelType> {
    return channelView(await this.alerts.channel(delivery.channelId));
  }

  @FieldResolver(() => AlertType, { nullable: true })
  async alert(@Root() delivery: NotificationDelivery): Promise<Alert | null> {
    return delivery.alertId ? ((await this.alerts.alertsOf([delivery.alertId]))[0] ?? null) : null;
  }

  @FieldResolver(() => [DeliveryAttemptType], { description: 'Every try: time, status code, error, duration.' })
  attemptLog(@Root() delivery: NotificationDelivery): Promise<DeliveryAttempt[]> {
    return this.alerts.attempts(delivery.id);
  }
}
