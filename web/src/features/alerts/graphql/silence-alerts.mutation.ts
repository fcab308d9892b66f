import { graphql } from '../../../generated';

export const SilenceAlertsMutation = graphql(`
  mutation SilenceAlerts($ruleId: ID!, $until: DateTimeISO!, $reason: String!) {
    silenceAlerts(ruleId: $ruleId, until: $until, reason: $reason) {
      ...AlertRuleFields
    }
  }
`);
