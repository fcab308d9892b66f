import type { MouseEvent } from 'react';
import { Icon } from '../../../shared/components/Icon';
import { useSession } from '../../auth/hooks/useSession';
import { useSignOut } from '../../auth/hooks/useSignOut';
import { ConnectionIndicator } from '../../connection/components/ConnectionIndicator';
import { mayOpen, navigationRoutes, routeHref, type DashboardRoute } from '../dashboard-route';

interface DashboardHeaderProps {
  route: DashboardRoute;
  onNavigate: (route: DashboardRoute) => void;
}

export function DashboardHeader({ route, onNavigate }: DashboardHeaderProps) {
  const { session } = useSession();
  const signOut = useSignOut();
  const pages = navigationRoutes.filter((page) => mayOpen(page.route, session?.user.permissions));

  // Real links (open in a new tab, copy the address), followed here without a reload.
  const follow = (target: DashboardRoute) => (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    onNavigate(target);
  };

  return (
    <header className="topbar">
      <div className="topbar__inner">
        <div className="topbar__brand">
          <span className="brand-mark" aria-hidden="true">
            <Icon name="shield" size={16} />
          </span>
          <span className="brand-name">LevelSync</span>
          <span className="topbar__divider" aria-hidden="true" />
        </div>
        {/* Every role has at least the integrity view: the way back from the password page. */}
        <nav className="topnav" aria-label="Pages">
          {pages.map((page) => (
            <a key={page.route} className="topnav__link" href={routeHref(page.route)} aria-current={page.route === route ? 'page' : undefined} onClick={follow(page.route)}>
              <span className="topbar__label-long">{page.label}</span>
              <span className="topbar__label-short" aria-hidden="true">
                {page.short}
              </span>
            </a>
          ))}
        </nav>
        <div className="topbar__right">
          <ConnectionIndicator />
          <span className="topbar__user" title={session?.user.email}>
            {session?.user.fullName}
          </span>
          <a
            className={`button button--ghost button--small ${route === 'password' ? 'button--current' : ''}`}
            href={routeHref('password')}
            aria-current={route === 'password' ? 'page' : undefined}
            onClick={follow('password')}
          >
            <Icon name="key" size={14} />
            <span className="topbar__signout-label">Password</span>
          </a>
          <button type="button" className="button button--ghost button--small" title="Ends your sessions on every device" onClick={() => void signOut()}>
            <Icon name="logOut" size={14} />
            <span className="topbar__signout-label">Sign out</span>
          </button>
        </div>
      </div>
    </header>
  );
}
