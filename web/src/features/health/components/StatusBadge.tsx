import type { HealthState } from '../../../generated/graphql';
import { Icon } from '../../../shared/components/Icon';
import { healthStateLook } from '../health-state';

interface StatusBadgeProps {
  state: HealthState;
  size?: 'default' | 'large';
}

/** HEALTHY / DEGRADED / CRITICAL / UNKNOWN as colour + icon + text, readable without colour. */
export function StatusBadge({ state, size = 'default' }: StatusBadgeProps) {
  const look = healthStateLook[state];
  return (
    <span className={`status-badge status-badge--${state.toLowerCase()} status-badge--${size}`} data-testid="status-badge" data-state={state}>
      <Icon name={look.icon} size={size === 'large' ? 18 : 14} />
      <span className="visually-hidden">Health status: </span>
      <span>{look.label}</span>
    </span>
  );
}
