import { Icon } from '../../../shared/components/Icon';
import { useSession } from '../../auth/hooks/useSession';
import { ConnectionIndicator } from '../../connection/components/ConnectionIndicator';

export function DashboardHeader() {
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
          <span className="topbar__section">Integrity</span>
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
