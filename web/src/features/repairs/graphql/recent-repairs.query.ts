import { graphql } from '../../../generated';

export const RecentRepairsQuery = graphql(`
  query RecentRepairs($first: Int!) {
    repairs(first: $first) {
      totalCount
      edges {
        node {
          id
          trigger
          action
          specialization
          createdAt
          before
          after
          jobId
          student {
            id
            fullName
          }
          actor {
            id
            fullName
          }
        }
      }
    }
  }
`);
