import { useNow } from '../../../shared/hooks/useNow';
import { AlertRulesPage } from '../../alerts/components/AlertRulesPage';
import { AlertsStrip } from '../../alerts/components/AlertsStrip';
import { ChannelsPage } from '../../alerts/components/ChannelsPage';
import { useAlertEvents } from '../../alerts/hooks/useAlertEvents';
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
import { useDashboardSection } from '../hooks/useDashboardSection';
import { DashboardHeader } from './DashboardHeader';

/**
 * The admin's all-day view: integrity, alert rules, channels, with the alerts strip on top of each.
 * Everything on it is pushed or refetched on events; nothing polls.
 */
export function DashboardPage() {
  const now = useNow();
  const [section, openSection] = useDashboardSection();
  const alertPushes = useAlertEvents();
  const { status, loadedRunId } = useHealthStatus();
  useRepairEvents();
  const liveViolations = useLiveViolations();

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <DashboardHeader section={section} />
      <main className="dashboard" id="main" tabIndex={-1}>
        <h1 className="visually-hidden">{{ integrity: 'Health dashboard', alerts: 'Alert rules', channels: 'Notification channels' }[section]}</h1>
        <ApiUnreachableBanner />
        <RateLimitNotice />
        <AlertsStrip pushes={alertPushes} now={now} onOpenRules={() => openSection('alerts')} />
        {section === 'alerts' ? <AlertRulesPage now={now} /> : null}
        {section === 'channels' ? <ChannelsPage now={now} /> : null}
        <div className="dashboard__grid" hidden={section !== 'integrity'}>
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
