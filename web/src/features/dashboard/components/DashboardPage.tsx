import { useNow } from '../../../shared/hooks/useNow';
import { ApiUnreachableBanner } from '../../connection/components/ApiUnreachableBanner';
import { RateLimitNotice } from '../../connection/components/RateLimitNotice';
import { HealthPanel } from '../../health/components/HealthPanel';
import { useHealthStatus } from '../../health/hooks/useHealthStatus';
import { HistoryPanel } from '../../history/components/HistoryPanel';
import { useLiveViolations } from '../../live/hooks/useLiveViolations';
import { MetricsPanel } from '../../metrics/components/MetricsPanel';
import { RecentRepairsPanel } from '../../repairs/components/RecentRepairsPanel';
import { useRepairEvents } from '../../repairs/hooks/useRepairEvents';
import { SystemInfoPanel } from '../../system/components/SystemInfoPanel';
import { ViolationsPanel } from '../../violations/components/ViolationsPanel';
import { DashboardHeader } from './DashboardHeader';

/** The admin's all-day view. Everything on it is pushed or refetched on events; nothing polls. */
export function DashboardPage() {
  const now = useNow();
  const { status, loadedRunId } = useHealthStatus();
  useRepairEvents();
  const liveViolations = useLiveViolations();

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <DashboardHeader />
      <main className="dashboard" id="main" tabIndex={-1}>
        <h1 className="visually-hidden">Health dashboard</h1>
        <ApiUnreachableBanner />
        <RateLimitNotice />
        <div className="dashboard__grid">
          <HealthPanel status={status} loadedRunId={loadedRunId} now={now} />
          <MetricsPanel healthState={status?.state} />
          <HistoryPanel />
          <SystemInfoPanel now={now} />
          <ViolationsPanel now={now} live={liveViolations} />
          <RecentRepairsPanel now={now} />
        </div>
      </main>
    </>
  );
}
