import { graphql } from '../../../generated';

export const HealthStatusFieldsFragment = graphql(`
  fragment HealthStatusFields on HealthStatus {
    state
    consistencyRate
    nextScheduledAt
    lastRun {
      ...CheckRunFields
    }
    activeRun {
      ...CheckRunFields
    }
  }
`);
