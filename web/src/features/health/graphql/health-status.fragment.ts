import { graphql } from '../../../generated';

export const HealthStatusFieldsFragment = graphql(`
  fragment HealthStatusFields on HealthStatus {
    state
    consistencyRate
    nextScheduledAt
    liveDetection
    liveDetectionState
    detectionLagMs
    lastRun {
      ...CheckRunFields
    }
    activeRun {
      ...CheckRunFields
    }
  }
`);
