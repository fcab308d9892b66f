import { graphql } from '../../../generated';

export const ViolationsQuery = graphql(`
  query Violations($first: Int!, $after: String, $filter: ViolationFilter) {
    violations(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
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
