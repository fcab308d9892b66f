import { graphql } from '../../../generated';

export const AlertRulesQuery = graphql(`
  query AlertRules {
    alertRules {
      ...AlertRuleFields
    }
    notificationChannels {
      ...NotificationChannelFields
    }
  }
`);
