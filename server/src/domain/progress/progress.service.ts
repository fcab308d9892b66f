import { AUDIT_ACTIONS } from '../audit/audit-actions';
import type { AuditService } from '../audit/audit.service';
import { SYSTEM_ORIGIN, type AuditOrigin } from '../audit/audit.types';
import { createHash } from 'node:crypto';
import type { Viewer } from '../auth/viewer';
import { uniqueViolation } from '../database/sql';
import { badInput, conflict, forbidden, notFound } from '../errors/domain-error';
import { parseId } from '../shared/ids';
import { SPECIALIZATIONS, type Specialization } from '../shared/specialization';
import type { UserRepository } from '../users/user.repository';
import type { IdempotencyRepository } from './idempotency.repository';
import type { AppliedXpRow, ProgressRepository } from './progress.repository';
import { MAX_TOTAL_XP, MAX_XP_CHANGE, type LicenseSnapshot, type ProgressSnapshot, type ProgressUpdate } from './progress.types';

export interface UpdateProgressCommand {
  studentId: string;
  specialization: Specialization | string;
  xpChange: number;
  idempotencyKey?: string | null;
}

class NothingApplied extends Error {}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{1,128}$/;

export class ProgressService {
  constructor(
    private readonly progress: ProgressRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly users: UserRepository,
    private readonly audit: AuditService,
  ) {}

  /** Progress and license at level 1, audited (SPECIALIZATION_ASSIGNED) in the same transaction. */
  async assign(studentIdRaw: string, specializationRaw: string, origin: AuditOrigin = SYSTEM_ORIGIN): Promise<ProgressSnapshot> {
    const studentId = parseId(studentIdRaw, 'studentId');
    const specialization = checkSpecialization(specializationRaw);
    const student = await this.users.findById(studentId);
    if (!student) throw notFound(`Student ${studentId} does not exist`, { field: 'studentId' });
    if (student.role !== 'STUDENT') throw badInput(`User ${studentId} is not a student`, { field: 'studentId' });
    try {
      return await this.audit.inTransaction(async (record) => {
        const assigned = await this.progress.assign(studentId, specialization);
        await record({
          origin,
          action: AUDIT_ACTIONS.SPECIALIZATION_ASSIGNED,
          targetType: 'Pair',
          targetId: `${studentId}:${specialization}`,
          after: { totalXp: assigned.totalXp, currentLevel: assigned.currentLevel },
        });
        return assigned;
      });
    } catch (error) {
      const constraint = uniqueViolation(error);
      if (constraint?.startsWith('licenses')) {
        throw conflict(`Student ${studentId} holds a ${specialization} license without progress; resync the license first`, {
          reason: 'ORPHAN_LICENSE',
        });
      }
      if (constraint) throw conflict(`Student ${studentId} is already assigned to ${specialization}`, { reason: 'ALREADY_ASSIGNED' });
      throw error;
    }
  }

  /** Adds XP and moves the license with it, once per idempotency key. */
  async update(viewer: Viewer, command: UpdateProgressCommand): Promise<ProgressUpdate> {
    const studentId = parseId(command.studentId, 'studentId');
    const specialization = checkSpecialization(command.specialization);
    const xp = command.xpChange;
    if (!Number.isInteger(xp) || xp < 1 || xp > MAX_XP_CHANGE) {
      throw badInput(`xpChange must be a whole number from 1 to ${MAX_XP_CHANGE.toLocaleString('en')}`, { field: 'xpChange' });
    }
    const key = command.idempotencyKey ?? undefined;
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw badInput('idempotencyKey must be 1 to 128 characters of letters, digits, _ . : -', { field: 'idempotencyKey' });
    }

    const row = key
      ? await this.applyOnce(viewer.id, key, studentId, specialization, xp)
      : await this.progress.applyXp(this.progress.em, studentId, specialization, xp);
    if (row) return this.progress.toUpdate(row);
    throw await this.explainMiss(studentId, specialization);
  }

  async listForStudent(viewer: Viewer, studentIdRaw: string): Promise<ProgressSnapshot[]> {
    const studentId = parseId(studentIdRaw, 'studentId');
    if (viewer.role === 'STUDENT' && viewer.id !== studentId) throw forbidden('Students may only read their own progress.');
    const student = await this.users.findById(studentId);
    if (!student) throw notFound(`Student ${studentId} does not exist`, { field: 'studentId' });
    return this.progress.listForStudent(studentId);
  }

  licensesForStudent(studentId: number): Promise<LicenseSnapshot[]> {
    return this.progress.licensesForStudent(studentId);
  }

  private async applyOnce(
    actorId: number,
    key: string,
    studentId: number,
    specialization: Specialization,
    xp: number,
  ): Promise<AppliedXpRow | undefined> {
    // Versioned with what a record stores (the enforcer's row since v2): a key claimed by an older
    // version answers CONFLICT rather than replaying a response of another shape.
    const requestHash = createHash('sha256').update(JSON.stringify(['updateProgress/v2', studentId, specialization, xp])).digest('hex');
    try {
      return await this.progress.em.transactional(async (trx) => {
        const claim = await this.idempotency.claim<AppliedXpRow>(trx, actorId, key, 'updateProgress', requestHash);
        if (claim.kind === 'replay') {
          if (claim.requestHash !== requestHash) {
            throw conflict('idempotencyKey was already used for a different request', { field: 'idempotencyKey' });
          }
          if (!claim.response) throw conflict('A request with this idempotencyKey is still in progress', { field: 'idempotencyKey' });
          return claim.response;
        }
        const result = await this.progress.applyXp(trx, studentId, specialization, xp);
        // Nothing matched: roll the claim back too, so the key stays free for a corrected retry.
        if (!result) throw new NothingApplied();
        await this.idempotency.complete(trx, actorId, key, result);
        return result;
      });
    } catch (error) {
      if (error instanceof NothingApplied) return undefined;
      throw error;
    }
  }

  private async explainMiss(studentId: number, specialization: Specialization): Promise<Error> {
    switch (await this.progress.diagnose(studentId, specialization)) {
      // The same codes as resyncLicense for the same facts (see integrity/absent-pair.ts).
      case 'UNKNOWN_STUDENT':
        return notFound(`User ${studentId} does not exist`, { field: 'studentId' });
      case 'NOT_A_STUDENT':
        return badInput(`User ${studentId} is not a student: only students have progress`, { field: 'studentId', reason: 'NOT_A_STUDENT' });
      case 'NOT_ASSIGNED':
        return conflict(`Student ${studentId} is not assigned to ${specialization}; assign the specialization first`, {
          reason: 'SPECIALIZATION_NOT_ASSIGNED',
        });
      case 'XP_CEILING':
        return badInput(`This change would take total XP past the ceiling of ${MAX_TOTAL_XP.toLocaleString('en')}`, {
          field: 'xpChange',
          reason: 'XP_CEILING',
        });
    }
  }
}

export function checkSpecialization(raw: string): Specialization {
  if (!SPECIALIZATIONS.includes(raw as Specialization)) {
    throw badInput(`specialization must be one of ${SPECIALIZATIONS.join(', ')}`, { field: 'specialization' });
  }
  return raw as Specialization;
}
