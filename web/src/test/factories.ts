import type { CheckRunFieldsFragment, ViolationFieldsFragment } from '../generated/graphql';

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
