import { useNow } from '../../../shared/hooks/useNow';
import { AlertRulesPage } from '../../alerts/components/AlertRulesPage';
import { AlertsStrip } from '../../alerts/components/AlertsStrip';
import { ChannelsPage } from '../../alerts/components/ChannelsPage';
import { useAlertEvents } from '../../alerts/hooks/useAlertEvents';
import { AuditPage } from '../../audit/components/AuditPage';
import { ChangePasswordPage } from '../../auth/components/ChangePasswordPage';
import { useSession } from '../../auth/hooks/useSession';
import { ApiUnreachableBanner } from '../../connection/components/ApiUnreachableBanner';
import { RateLimitNotice } from '../../connection/components/RateLimitNotice';
import { UsersPage } from '../../users/components/UsersPage';
import { mayOpen, type DashboardRoute } from '../dashboard-route';
import { useDashboardRoute } from '../hooks/useDashboardRoute';
import { DashboardHeader } from './DashboardHeader';
import { IntegrityOverview } from './IntegrityOverview';

const headings: Record<DashboardRoute, string> = {
  integrity: 'Health dashboard',
  alerts: 'Alert rules',
  channels: 'Notification channels',
  users: 'Users',
  audit: 'Audit trail',
  password: 'Your password',
};

/**
 * The signed-in shell: the header with the pages this role may open, the alerts strip on top of
 * every page, and the open page. Everything on it is pushed or refetched on events; nothing polls.
 */
export function DashboardPage() {
  const now = useNow();
  const { session } = useSession();
  const { route: asked, navigate } = useDashboardRoute();
  const alertPushes = useAlertEvents();
  // A page the role may not open (a shared link, a role just changed) shows the integrity view.
  const route = mayOpen(asked, session?.user.permissions) ? asked : 'integrity';

  return (
    <>
      <a className="skip-link" href="#main" onClick={(event) => {
        event.preventDefault();
        document.getElementById('main')?.focus();
      }}>
        Skip to content
      </a>
      <DashboardHeader route={route} onNavigate={navigate} />
      <main className="dashboard" id="main" tabIndex={-1}>
        <h1 className="visually-hidden">{headings[route]}</h1>
        <ApiUnreachableBanner />
        <RateLimitNotice />
        <AlertsStrip pushes={alertPushes} now={now} onOpenRules={() => navigate('alerts')} />
        {route === 'users' ? (
          <UsersPage />
        ) : route === 'audit' ? (
          <AuditPage />
        ) : route === 'password' ? (
          <ChangePasswordPage />
        ) : route === 'alerts' ? (
          <AlertRulesPage now={now} />
        ) : route === 'channels' ? (
          <ChannelsPage now={now} />
        ) : (
          <IntegrityOverview />
        )}
      </main>
    </>
  );
}
