import { graphql } from '../../../generated';

export const CheckRunFieldsFragment = graphql(`
  fragment CheckRunFields on CheckRun {
    id
    trigger
    state
    progress
    queuedAt
    startedAt
    finishedAt
    durationMs
    pairsChecked
    inconsistent
    consistencyRate
    healthState
    error
  }
`);
