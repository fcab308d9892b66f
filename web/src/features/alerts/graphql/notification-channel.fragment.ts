import { graphql } from '../../../generated';

export const NotificationChannelFieldsFragment = graphql(`
  fragment NotificationChannelFields on NotificationChannel {
    id
    name
    kind
    enabled
    target
    hasSecret
    previousSecretUntil
    createdAt
  }
`);
