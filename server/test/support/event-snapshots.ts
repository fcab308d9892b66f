import type { CheckRunSnapshot } from '../../src/domain/integrity/integrity.types';

/** A manual check run as a worker would publish it mid-way (or queued, or succeeded). */
export function checkRunSnapshot(id: number, state: CheckRunSnapshot['state'], progress: number): CheckRunSnapshot {
  return {
    id,
    trigger: 'MANUAL',
    state,
    progress,
    queuedAt: new Date('2026-11-23T09:00:00.000Z'),
    startedAt: state === 'QUEUED' ? null : new Date('2026-11-23T09:00:01.000Z'),
    finishedAt: state === 'SUCCEEDED' ? new Date('2026-11-23T09:00:02.500Z') : null,
    durationMs: null,
    pairsChecked: null,
    inconsistent: null,
    consistencyRate: null,
    healthState: null,
    repairsApplied: null,
    error: null,
    missedByLiveDetection: null,
  };
}

