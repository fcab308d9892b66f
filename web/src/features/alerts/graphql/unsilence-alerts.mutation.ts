import { graphql } from '../../../generated';

export const UnsilenceAlertsMutation = graphql(`
  mutation UnsilenceAlerts($ruleId: ID!) {
    unsilenceAlerts(ruleId: $ruleId) {
      ...AlertRuleFields
    }
  }
`);
