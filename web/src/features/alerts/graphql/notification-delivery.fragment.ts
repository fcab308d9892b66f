import { graphql } from '../../../generated';

export const NotificationDeliveryFieldsFragment = graphql(`
  fragment NotificationDeliveryFields on NotificationDelivery {
    id
    event
    eventId
    createdAt
    status
    attempts
    lastError
    deliveredAt
    channel {
      id
      name
      kind
    }
    alert {
      id
      severity
      rule {
        id
        name
      }
    }
  }
`);
