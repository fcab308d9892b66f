import { graphql } from '../../../generated';

export const AuditLogAppendedSubscription = graphql(`
  subscription AuditLogAppended {
    auditLogAppended {
      ...AuditEntryFields
    }
  }
`);
