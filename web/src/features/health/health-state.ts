import type { HealthState } from '../../generated/graphql';
import type { IconName } from '../../shared/components/Icon';
import type { HealthThresholds } from './gauge-scale';

interface HealthStateLook {
  label: string;
  icon: IconName;
  description: string;
}

/**
 * The server's default thresholds (HEALTHY_THRESHOLD / DEGRADED_THRESHOLD). The API
 * does not expose the configured values, so the dashboard draws these.
 */
export const healthThresholds: HealthThresholds = { healthy: 0.99, degraded: 0.95 };

const percent = (rate: number) => `${Number((rate * 100).toFixed(2))}%`;

/** One place that says how each health state looks and reads; colour is never the only cue. */
export const healthStateLook: Record<HealthState, HealthStateLook> = {
  HEALTHY: { label: 'Healthy', icon: 'healthy', description: `At least ${percent(healthThresholds.healthy)} of pairs are consistent.` },
  DEGRADED: {
    label: 'Degraded',
    icon: 'degraded',
    description: `Between ${percent(healthThresholds.degraded)} and ${percent(healthThresholds.healthy)} of pairs are consistent.`,
  },
  CRITICAL: { label: 'Critical', icon: 'critical', description: `Fewer than ${percent(healthThresholds.degraded)} of pairs are consistent.` },
  UNKNOWN: { label: 'Unknown', icon: 'unknown', description: 'No check has finished yet.' },
};
