import { graphql } from '../../../generated';

/** Alerts newest first, resolved ones included: the rules page's history and the chart's marks. */
export const AlertHistoryQuery = graphql(`
  query AlertHistory($first: Int!) {
    alerts(first: $first) {
      edges {
        node {
          ...AlertFields
        }
      }
    }
  }
`);
