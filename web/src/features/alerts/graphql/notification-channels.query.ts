import { graphql } from '../../../generated';

export const NotificationChannelsQuery = graphql(`
  query NotificationChannels {
    notificationChannels {
      ...NotificationChannelFields
    }
  }
`);
