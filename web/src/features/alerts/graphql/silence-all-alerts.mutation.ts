import { graphql } from '../../../generated';

export const SilenceAllAlertsMutation = graphql(`
  mutation SilenceAllAlerts($until: DateTimeISO!, $reason: String!) {
    silenceAllAlerts(until: $until, reason: $reason) {
      id
      silencedUntil
      silenceReason
    }
  }
`);
