import type { HealthState } from '../../generated/graphql';
import type { MetricTone } from './components/MetricCard';

/**
 * The colour of "Open violations": none open is plain; otherwise it takes the health state's colour
 * (red when Critical), and amber when the state is Healthy, Degraded or not known yet.
 */
export function openViolationsTone(openViolations: number | undefined, state: HealthState | undefined): MetricTone {
  if (!openViolations) return 'default';
  return state === 'CRITICAL' ? 'critical' : 'warning';
}
