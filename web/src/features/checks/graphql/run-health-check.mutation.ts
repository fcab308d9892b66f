import { graphql } from '../../../generated';

export const RunHealthCheckMutation = graphql(`
  mutation RunHealthCheck {
    runHealthCheck {
      ...CheckRunFields
    }
  }
`);
