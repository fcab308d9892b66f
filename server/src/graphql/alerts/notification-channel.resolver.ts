import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { NotificationChannelInput } from '../../domain/alerts/alert-input';
import type { AlertsService } from '../../domain/alerts/alerts.service';
import type { NotificationDelivery } from '../../domain/alerts/notification-delivery.entity';
import { parseId } from '../../domain/shared/ids';
import { actorOf } from '../common/audit-origin';
import type { GraphQLContext } from '../context';
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
  async createNotificationChannel(
    @Arg('input', () => NotificationChannelInputType) input: NotificationChannelInputType,
    @Ctx() ctx: GraphQLContext,
  ): Promise<NotificationChannelType> {
    return channelView(await this.alerts.createChannel(actorOf(ctx), input as NotificationChannelInput));
  }

  @Mutation(() => NotificationChannelType)
  async updateNotificationChannel(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => NotificationChannelInputType) input: NotificationChannelInputType,
    @Ctx() ctx: GraphQLContext,
  ): Promise<NotificationChannelType> {
    return channelView(await this.alerts.updateChannel(actorOf(ctx), parseId(id, 'id'), input as NotificationChannelInput));
  }

  @Mutation(() => Boolean)
  deleteNotificationChannel(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    return this.alerts.deleteChannel(actorOf(ctx), parseId(id, 'id'));
  }

  @Mutation(() => NotificationDeliveryType, { description: 'Sends a test notification now (one try) and answers with its delivery: DELIVERED, or DEAD with lastError.' })
  sendTestNotification(@Arg('channelId', () => ID) channelId: string, @Ctx() ctx: GraphQLContext): Promise<NotificationDelivery> {
    return this.alerts.sendTest(actorOf(ctx), parseId(channelId, 'channelId'));
  }
}
