import { graphql } from '../../../generated';

export const AlertFieldsFragment = graphql(`
  fragment AlertFields on Alert {
    id
    state
    severity
    value
    suppressedBy
    escalatedAt
    startedAt
    resolvedAt
    acknowledgedAt
    acknowledgedBy {
      id
      fullName
    }
    rule {
      id
      name
      metric
      state
      severity
      warning
      critical
      forSeconds
      silencedUntil
      silenceReason
    }
  }
`);
