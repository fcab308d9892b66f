import { graphql } from '../../../generated';

export const AuditEntryFieldsFragment = graphql(`
  fragment AuditEntryFields on AuditEntry {
    id
    at
    action
    actor {
      id
      email
      fullName
    }
    targetType
    targetId
    before
    after
    clientAddress
    requestId
  }
`);
