import { graphql } from '../../../generated';

export const CheckRunHistoryQuery = graphql(`
  query CheckRunHistory($first: Int!) {
    checkRuns(first: $first) {
      totalCount
      edges {
        node {
          ...CheckRunFields
        }
      }
    }
  }
`);
