import { graphql } from '../../../generated';

/** The latest alerts, just what the history chart marks: when each fired and resolved, at which value. */
export const AlertMarksQuery = graphql(`
  query AlertMarks {
    alerts(first: 50) {
      edges {
        node {
          id
          state
          severity
          value
          startedAt
          resolvedAt
          rule {
            id
            name
            metric
          }
        }
      }
    }
  }
`);
