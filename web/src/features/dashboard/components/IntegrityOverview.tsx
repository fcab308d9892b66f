import { useNow } from '../../../shared/hooks/useNow';
import { HealthPanel } from '../../health/components/HealthPanel';
import { useHealthStatus } from '../../health/hooks/useHealthStatus';
import { HistoryPanel } from '../../history/components/HistoryPanel';
import { useLiveViolations } from '../../live/hooks/useLiveViolations';
import { MetricsPanel } from '../../metrics/components/MetricsPanel';
import { RecentRepairsPanel } from '../../repairs/components/RecentRepairsPanel';
import { useRepairEvents } from '../../repairs/hooks/useRepairEvents';
import { SystemInfoPanel } from '../../system/components/SystemInfoPanel';
import { ViolationsPanel } from '../../violations/components/ViolationsPanel';

/** The all-day view. Everything on it is pushed or refetched on events; nothing polls. */
export function IntegrityOverview() {
  const now = useNow();
  const { status, loadedRunId } = useHealthStatus();
  useRepairEvents();
  const liveViolations = useLiveViolations();

  return (
    <div className="dashboard__grid">
      <HealthPanel status={status} loadedRunId={loadedRunId} now={now} />
      <MetricsPanel healthState={status?.state} />
      <HistoryPanel />
      <SystemInfoPanel now={now} />
      <ViolationsPanel now={now} live={liveViolations} />
      <RecentRepairsPanel now={now} />
    </div>
  );
}
