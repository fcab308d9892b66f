import { graphql } from '../../../generated';

/** What the strip shows: the alerts that fire, and the rules whose condition holds but waits its `for`. */
export const ActiveAlertsQuery = graphql(`
  query ActiveAlerts {
    alerts(first: 50, filter: { firingOnly: true }) {
      edges {
        node {
          ...AlertFields
        }
      }
    }
    alertRules {
      ...AlertRuleFields
    }
  }
`);
