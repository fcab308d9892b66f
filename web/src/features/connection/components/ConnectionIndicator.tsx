import { useConnectionStatus } from '../hooks/useConnectionStatus';

const labels = {
  connected: 'Live',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
} as const;

/** Whether pushed updates are flowing, from graphql-ws connected/closed/connecting events. */
export function ConnectionIndicator() {
  const { phase } = useConnectionStatus();
  return (
    <div className={`connection connection--${phase}`} role="status" aria-live="polite" data-testid="connection-indicator" data-phase={phase}>
      <span className="connection__dot" aria-hidden="true" />
      <span className="connection__label">{labels[phase]}</span>
      <span className="visually-hidden">{phase === 'connected' ? ': receiving live updates' : ': live updates paused'}</span>
    </div>
  );
}
