import type { Session } from '../features/auth/session';
import type { AuditEntryFieldsFragment, CheckRunFieldsFragment, RepairPreviewQuery, UserFieldsFragment, ViolationFieldsFragment } from '../generated/graphql';

let sequence = 0;

export function aCheckRun(overrides: Partial<CheckRunFieldsFragment> = {}): CheckRunFieldsFragment {
  sequence += 1;
  return {
    id: String(sequence),
    trigger: 'MANUAL',
    state: 'SUCCEEDED',
    progress: 1,
    queuedAt: new Date(Date.now() - 60_000).toISOString(),
    startedAt: new Date(Date.now() - 59_000).toISOString(),
    finishedAt: new Date(Date.now() - 58_000).toISOString(),
    durationMs: 1200,
    pairsChecked: 10_000,
    inconsistent: 12,
    consistencyRate: 0.9988,
    healthState: 'HEALTHY',
    error: null,
    ...overrides,
  };
}

export function aViolation(overrides: Partial<ViolationFieldsFragment> = {}): ViolationFieldsFragment {
  sequence += 1;
  return {
    id: String(sequence),
    type: 'LEVEL_MISMATCH',
    specialization: 'PLAYER',
    progressLevel: 4,
    licenseLevel: 2,
    totalXp: 5400,
    firstSeenAt: new Date(Date.now() - 3600_000).toISOString(),
    lastSeenAt: new Date(Date.now() - 60_000).toISOString(),
    resolvedAt: null,
    student: { id: '42', fullName: 'Amelia Hart', email: 'amelia@example.edu' },
    ...overrides,
  };
}

export function aRepairPreview(overrides: Partial<NonNullable<RepairPreviewQuery['repairPreview']>> = {}): NonNullable<RepairPreviewQuery['repairPreview']> {
  return {
    studentId: '42',
    specialization: 'PLAYER',
    alreadyConsistent: false,
    action: 'LICENSE_LEVEL_SYNCED',
    violationType: 'LEVEL_MISMATCH',
    progress: 'UNCHANGED',
    license: 'UPDATED',
    changes: [
      { field: 'PROGRESS_TOTAL_XP', before: 5400, after: 5400, changed: false },
      { field: 'PROGRESS_LEVEL', before: 4, after: 4, changed: false },
      { field: 'LICENSE_LEVEL', before: 2, after: 4, changed: true },
      { field: 'LICENSE_MAX_ACHIEVED_LEVEL', before: 2, after: 4, changed: true },
    ],
    ...overrides,
  };
}

export function aUser(overrides: Partial<UserFieldsFragment> = {}): UserFieldsFragment {
  sequence += 1;
  return { id: String(sequence), email: `user${sequence}@levelsync.test`, fullName: `User ${sequence}`, role: 'VIEWER', isActive: true, ...overrides };
}

export function anAuditEntry(overrides: Partial<AuditEntryFieldsFragment> = {}): AuditEntryFieldsFragment {
  sequence += 1;
  return {
    id: String(sequence),
    at: new Date(Date.now() - 60_000).toISOString(),
    action: 'USER_UPDATED',
    actor: { id: '1', email: 'ada@levelsync.test', fullName: 'Ada Admin' },
    targetType: 'User',
    targetId: '42',
    before: '{"role":"VIEWER"}',
    after: '{"role":"OPERATOR"}',
    clientAddress: '127.0.0.1',
    requestId: `req-${sequence}`,
    ...overrides,
  };
}

export function aSession(user: Partial<Session['user']> = {}): Session {
  return {
    accessToken: 'token-1',
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    user: { id: '1', email: 'ada@levelsync.test', fullName: 'Ada Admin', role: 'ADMIN', mustChangePassword: false, permissions: ['Query.users', 'Query.auditLog'], ...user },
  };
}
