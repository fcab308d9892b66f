import { graphql } from '../../../generated';

export const SendTestNotificationMutation = graphql(`
  mutation SendTestNotification($channelId: ID!) {
    sendTestNotification(channelId: $channelId) {
      ...NotificationDeliveryFields
    }
  }
`);
