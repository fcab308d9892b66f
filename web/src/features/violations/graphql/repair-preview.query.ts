import { graphql } from '../../../generated';

export const RepairPreviewQuery = graphql(`
  query RepairPreview($studentId: ID!, $specialization: Specialization!) {
    repairPreview(studentId: $studentId, specialization: $specialization) {
      studentId
      specialization
      alreadyConsistent
      action
      violationType
      progress
      license
      changes {
        field
        before
        after
        changed
      }
    }
  }
`);
