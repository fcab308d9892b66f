import { graphql } from '../../../generated';

// The actor filter's choices: the users an admin is likely to look for, by name.
export const AuditActorsQuery = graphql(`
  query AuditActors($search: String) {
    users(first: 100, search: $search) {
      edges {
        node {
          id
          email
          fullName
        }
      }
    }
  }
`);
