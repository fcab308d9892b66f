import { Arg, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { NotificationChannelInput } from '../../domain/alerts/alert-input';
import type { AlertsService } from '../../domain/alerts/alerts.service';
import type { NotificationDelivery } from '../../domain/alerts/notification-delivery.entity';
import { parseId } from '../../domain/shared/ids';
import { NotificationChannelInputType } from './alert-inputs';
import { channelView, NotificationChannelType } from './notification-channel.type';
import { NotificationDeliveryType } from './notification-delivery.type';

@Resolver(() => NotificationChannelType)
export class NotificationChannelResolver {
  constructor(private readonly alerts: AlertsService) {}

  @Query(() => [NotificationChannelType])
  async notificationChannels(): Promise<NotificationChannelType[]> {
    return (await this.alerts.channels()).map(channelView);
  }

  @Mutation(() => NotificationChannelType)
  async createNotificationChannel(@Arg('input', () => NotificationChannelInputType) input: NotificationChannelInputType): Promise<NotificationChannelType> {
    return channelView(await this.alerts.createChannel(input as NotificationChannelInput));
  }

  @Mutation(() => NotificationChannelType)
  async updateNotificationChannel(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => NotificationChannelInputType) input: NotificationChannelInputType,
  ): Promise<NotificationChannelType> {
    return channelView(await this.alerts.updateChannel(parseId(id, 'id'), input as NotificationChannelInput));
  }

  @Mutation(() => Boolean)
  deleteNotificationChannel(@Arg('id', () => ID) id: string): Promise<boolean> {
    return this.alerts.deleteChannel(parseId(id, 'id'));
  }

  @Mutation(() => NotificationDeliveryType, { description: 'Sends a test notification now (one try) and answers with its delivery: DELIVERED, or DEAD with lastError.' })
  sendTestNotification(@Arg('channelId', () => ID) channelId: string): Promise<NotificationDelivery> {
    return this.alerts.sendTest(parseId(channelId, 'channelId'));
  }
}
