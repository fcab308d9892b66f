import { graphql } from '../../../generated';

export const HealthMetricsQuery = graphql(`
  query HealthMetrics {
    healthMetrics {
      pairsChecked
      openViolations
      openViolationsByType {
        type
        count
      }
      checksLast24h
      repairsLast24h
      lastCheckDurationMs
    }
  }
`);
