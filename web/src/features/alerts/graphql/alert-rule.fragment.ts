import { graphql } from '../../../generated';

export const AlertRuleFieldsFragment = graphql(`
  fragment AlertRuleFields on AlertRule {
    id
    name
    metric
    warning
    critical
    forSeconds
    recoveryMargin
    repeatIntervalSeconds
    escalateAfterSeconds
    escalationChannel {
      id
      name
    }
    enabled
    notifiesEveryChannel
    silencedUntil
    silenceReason
    evaluatedAt
    state
    severity
    value
    channels {
      id
      name
      kind
    }
  }
`);
