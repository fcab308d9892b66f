import { graphql } from '../../../generated';

export const ResyncLicenseMutation = graphql(`
  mutation ResyncLicense($studentId: ID!, $specialization: Specialization!) {
    resyncLicense(studentId: $studentId, specialization: $specialization) {
      id
    }
  }
`);
