import { graphql } from '../../../generated';

export const NotificationDeliveriesQuery = graphql(`
  query NotificationDeliveries($first: Int!, $after: String, $channelId: ID, $deadOnly: Boolean) {
    notificationDeliveries(first: $first, after: $after, channelId: $channelId, deadOnly: $deadOnly) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...NotificationDeliveryFields
        }
      }
    }
  }
`);
