import type { HealthState } from '../../generated/graphql';
import type { IconName } from '../../shared/components/Icon';

interface HealthStateLook {
  label: string;
  icon: IconName;
  description: string;
}

/** One place that says how each health state looks and reads; colour is never the only cue. */
export const healthStateLook: Record<HealthState, HealthStateLook> = {
  HEALTHY: { label: 'Healthy', icon: 'healthy', description: 'At least 99% of pairs are consistent.' },
  DEGRADED: { label: 'Degraded', icon: 'degraded', description: 'Between 95% and 99% of pairs are consistent.' },
  CRITICAL: { label: 'Critical', icon: 'critical', description: 'Fewer than 95% of pairs are consistent.' },
  UNKNOWN: { label: 'Unknown', icon: 'unknown', description: 'No check has finished yet.' },
};
