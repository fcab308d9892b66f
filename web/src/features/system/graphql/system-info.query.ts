import { graphql } from '../../../generated';

export const SystemInfoQuery = graphql(`
  query SystemInfo {
    systemInfo {
      version
      uptimeSeconds
      workersOnline
      queueDepth
      lastCheckAt
      nextScheduledAt
    }
  }
`);
