import { Icon } from '../../../shared/components/Icon';
import { useSession } from '../../auth/hooks/useSession';
import { ConnectionIndicator } from '../../connection/components/ConnectionIndicator';
import { dashboardSections, type DashboardSection } from '../dashboard-section';

export function DashboardHeader({ section }: { section: DashboardSection }) {
  const { session, signOut } = useSession();
  return (
    <header className="topbar">
      <div className="topbar__inner">
        <div className="topbar__brand">
          <span className="brand-mark" aria-hidden="true">
            <Icon name="shield" size={16} />
          </span>
          <span className="brand-name">LevelSync</span>
          <span className="topbar__divider" aria-hidden="true" />
          <nav className="topbar__nav" aria-label="Dashboard views">
            {dashboardSections.map((candidate) => (
              <a key={candidate.id} href={candidate.hash} className="topbar__section" aria-current={candidate.id === section ? 'page' : undefined}>
                <span className="topbar__label-long">{candidate.label}</span>
                <span className="topbar__label-short" aria-hidden="true">
                  {candidate.short}
                </span>
              </a>
            ))}
          </nav>
        </div>
        <div className="topbar__right">
          <ConnectionIndicator />
          <span className="topbar__user" title={session?.user.email}>
            {session?.user.fullName}
          </span>
          <button type="button" className="button button--ghost button--small" onClick={() => signOut('user')}>
            <Icon name="logOut" size={14} />
            <span className="topbar__signout-label">Sign out</span>
          </button>
        </div>
      </div>
    </header>
  );
}
