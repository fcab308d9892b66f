import { graphql } from '../../../generated';

export const CreateNotificationChannelMutation = graphql(`
  mutation CreateNotificationChannel($input: NotificationChannelInput!) {
    createNotificationChannel(input: $input) {
      ...NotificationChannelFields
    }
  }
`);
