import type { HealthState } from './integrity.types';

export interface HealthThresholds {
  readonly healthyThreshold: number;
  readonly degradedThreshold: number;
}

/** A run with no pairs has nothing inconsistent: 100 %. */
export function consistencyRate(pairsChecked: number, inconsistent: number): number {
  return pairsChecked === 0 ? 1 : (pairsChecked - inconsistent) / pairsChecked;
}

/** HEALTHY at or above the healthy threshold, DEGRADED at or above the degraded one, else CRITICAL. */
export function healthStateFor(rate: number | null, thresholds: HealthThresholds): HealthState {
  if (rate === null) return 'UNKNOWN';
  if (rate >= thresholds.healthyThreshold) return 'HEALTHY';
  if (rate >= thresholds.degradedThreshold) return 'DEGRADED';
  return 'CRITICAL';
}
