import { graphql } from '../../../generated';

export const UserFieldsFragment = graphql(`
  fragment UserFields on User {
    id
    email
    fullName
    role
    isActive
  }
`);
