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
  users: 'Users',
  audit: 'Audit trail',
  password: 'Your password',
};

/** The signed-in shell: the header with the pages this role may open, and the open page. */
export function DashboardPage() {
  const { session } = useSession();
  const { route: asked, navigate } = useDashboardRoute();
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
        {route === 'users' ? <UsersPage /> : route === 'audit' ? <AuditPage /> : route === 'password' ? <ChangePasswordPage /> : <IntegrityOverview />}
      </main>
    </>
  );
}
