import { graphql } from '../../../generated';

export const UsersQuery = graphql(`
  query Users($first: Int, $after: String, $search: String) {
    users(first: $first, after: $after, search: $search) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...UserFields
        }
      }
    }
  }
`);
