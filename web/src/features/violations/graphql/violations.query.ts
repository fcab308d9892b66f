import { graphql } from '../../../generated';

export const ViolationsQuery = graphql(`
  query Violations($first: Int, $after: String, $last: Int, $before: String, $filter: ViolationFilter) {
    violations(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        cursor
        node {
          ...ViolationFields
        }
      }
    }
  }
`);
