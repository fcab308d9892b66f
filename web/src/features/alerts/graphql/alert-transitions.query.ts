import { graphql } from '../../../generated';

/** One rule's history: every move of its state, newest first, with why no one was told (if so). */
export const AlertTransitionsQuery = graphql(`
  query AlertTransitions($ruleId: ID!) {
    alertTransitions(ruleId: $ruleId, limit: 50) {
      id
      at
      kind
      fromState
      toState
      severity
      value
      suppressed
    }
  }
`);
