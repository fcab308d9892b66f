import { graphql } from '../../../generated';

export const ViolationFieldsFragment = graphql(`
  fragment ViolationFields on Violation {
    id
    type
    specialization
    progressLevel
    licenseLevel
    totalXp
    firstSeenAt
    lastSeenAt
    resolvedAt
    student {
      id
      fullName
      email
    }
  }
`);
