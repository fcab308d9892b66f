import { graphql } from '../../../generated';

export const InviteUserMutation = graphql(`
  mutation InviteUser($input: InviteUserInput!) {
    inviteUser(input: $input) {
      initialPassword
      user {
        ...UserFields
      }
    }
  }
`);
