import { graphql } from '../../../generated';

export const HealthStatusChangedSubscription = graphql(`
  subscription HealthStatusChanged {
    healthStatusChanged {
      ...HealthStatusFields
    }
  }
`);
