import { graphql } from '../../../generated';

export const ViolationsChangedSubscription = graphql(`
  subscription ViolationsChanged {
    violationsChanged {
      opened {
        ...ViolationFields
      }
      resolved
      openCount
      detectedAt
    }
  }
`);
