import { badInput, conflict, notFound, type DomainError } from '../errors/domain-error';
import type { RepairRepository } from './repair.repository';
import type { PairKey } from './repair.types';

/**
 * Why a pair with neither progress nor a license cannot be repaired (or previewed), naming who the
 * id is. Not a student is bad input (no state fixes it); an unassigned specialization is CONFLICT,
 * like ALREADY_CONSISTENT: the student exists and the request is sound, the pair's current state
 * refuses it (assignSpecialization changes that).
 */
export async function absentPairError(repairs: RepairRepository, pair: PairKey): Promise<DomainError> {
  const role = await repairs.roleOf(pair.studentId);
  if (role === null) return notFound(`User ${pair.studentId} does not exist`, { field: 'studentId' });
  if (role !== 'STUDENT') {
    return badInput(`User ${pair.studentId} is ${role === 'ADMIN' ? 'an admin' : 'an instructor'}, not a student`, {
      field: 'studentId',
      reason: 'NOT_A_STUDENT',
    });
  }
  return conflict(`Student ${pair.studentId} is not assigned to ${pair.specialization}: no progress and no license to repair`, {
    reason: 'SPECIALIZATION_NOT_ASSIGNED',
  });
}
