import { graphql } from '../../../generated';

export const RepairsMadeSubscription = graphql(`
  subscription RepairsMade {
    repairsMade {
      trigger
      madeAt
      resolvedViolationIds
      repairs {
        id
      }
    }
  }
`);
