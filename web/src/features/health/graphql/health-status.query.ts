import { graphql } from '../../../generated';

export const HealthStatusQuery = graphql(`
  query HealthStatus {
    healthStatus {
      ...HealthStatusFields
    }
  }
`);
