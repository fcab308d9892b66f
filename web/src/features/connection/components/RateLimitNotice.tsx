import { useEffect, useState } from 'react';
import { Icon } from '../../../shared/components/Icon';
import { useConnectionStatus } from '../hooks/useConnectionStatus';

/** Seconds left until `until`, ticking once a second while there is a wait. */
function useSecondsLeft(until: number | null): number {
  // Read when the wait starts, not at mount: a notice mounted long before would count from then.
  const [now, setNow] = useState(() => Date.now());
  const [shownUntil, setShownUntil] = useState(until);
  if (shownUntil !== until) {
    setShownUntil(until);
    setNow(Date.now());
  }
  useEffect(() => {
    if (until === null) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1_000);
    return () => window.clearInterval(timer);
  }, [until]);
  return until === null ? 0 : Math.max(1, Math.ceil((until - now) / 1000));
}

/**
 * Shown while requests wait out a 429: the dashboard sends them again by itself once the API's
 * budget allows, and says so, instead of leaving a dialog with an error. It floats above the page
 * and any open dialog (a repair waiting its turn is the usual case), without moving the layout.
 */
export function RateLimitNotice() {
  const { rateLimitedUntil } = useConnectionStatus();
  const seconds = useSecondsLeft(rateLimitedUntil);
  return (
    <div role="status" aria-live="polite" className="rate-limit-slot">
      {rateLimitedUntil !== null ? (
        <div className="banner banner--warning banner--floating" data-testid="rate-limited">
          <Icon name="activity" size={18} />
          <div>
            <strong>Too many requests — retrying in {seconds} s.</strong>{' '}
            <span>The API asked the dashboard to slow down; what you asked for is sent again by itself.</span>
          </div>
        </div>
      ) : null}
    </div>
  );
}
