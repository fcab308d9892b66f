import { graphql } from '../../../generated';

/**
 * The attempt log of one delivery of a list: the row right after `after` (the previous row's cursor)
 * under the list's own filter. A page of logs would cost every row's full log (the cost limit).
 */
export const DeliveryAttemptsQuery = graphql(`
  query DeliveryAttempts($after: String, $channelId: ID, $deadOnly: Boolean) {
    notificationDeliveries(first: 1, after: $after, channelId: $channelId, deadOnly: $deadOnly) {
      edges {
        node {
          id
          attemptLog {
            at
            statusCode
            error
            durationMs
          }
        }
      }
    }
  }
`);
