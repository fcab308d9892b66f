import type { AlertSeverity, AlertState } from '../../../generated/graphql';
import { Icon } from '../../../shared/components/Icon';

interface SeverityBadgeProps {
  /** FIRING shows its severity; PENDING and INACTIVE show the state. */
  state: AlertState;
  severity: AlertSeverity | null | undefined;
}

/** CRITICAL / WARNING / PENDING / OK as colour, icon and word: readable without colour. */
export function SeverityBadge({ state, severity }: SeverityBadgeProps) {
  const look = state === 'FIRING' && severity ? severity : state;
  const { icon, label } = {
    CRITICAL: { icon: 'critical', label: 'Critical' },
    WARNING: { icon: 'degraded', label: 'Warning' },
    FIRING: { icon: 'degraded', label: 'Firing' },
    PENDING: { icon: 'activity', label: 'Pending' },
    INACTIVE: { icon: 'healthy', label: 'OK' },
  }[look] as { icon: 'critical' | 'degraded' | 'activity' | 'healthy'; label: string };
  return (
    <span className={`severity-badge severity-badge--${look.toLowerCase()}`} data-testid="severity-badge" data-severity={look}>
      <Icon name={icon} size={13} />
      <span>{label}</span>
    </span>
  );
}
