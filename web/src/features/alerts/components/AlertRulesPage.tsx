import { AlertHistoryPanel } from './AlertHistoryPanel';
import { AlertRulesPanel } from './AlertRulesPanel';

/** Rules (thresholds, channels, live state) above the history of what they fired. */
export function AlertRulesPage({ now }: { now: number }) {
  return (
    <div className="dashboard__stack">
      <AlertRulesPanel now={now} />
      <AlertHistoryPanel now={now} />
    </div>
  );
}
