import { Icon } from '../../../shared/components/Icon';
import { useConnectionStatus } from '../hooks/useConnectionStatus';

/** Shown while the API is down; it disappears by itself when the socket reconnects. */
export function ApiUnreachableBanner() {
  const { apiUnreachable } = useConnectionStatus();
  return (
    <div aria-live="assertive" className="banner-slot">
      {apiUnreachable ? (
        <div className="banner banner--critical" role="alert" data-testid="api-unreachable">
          <Icon name="cloudOff" size={18} />
          <div>
            <strong>The LevelSync API cannot be reached.</strong>{' '}
            <span>Showing the last known data. Reconnecting automatically; the dashboard refreshes as soon as it is back.</span>
          </div>
        </div>
      ) : null}
    </div>
  );
}
