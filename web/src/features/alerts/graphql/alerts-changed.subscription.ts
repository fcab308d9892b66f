import { graphql } from '../../../generated';

export const AlertsChangedSubscription = graphql(`
  subscription AlertsChanged {
    alertsChanged {
      ...AlertFields
    }
  }
`);
