import { graphql } from '../../../generated';

export const CheckRunUpdatedSubscription = graphql(`
  subscription CheckRunUpdated {
    checkRunUpdated {
      ...CheckRunFields
    }
  }
`);
