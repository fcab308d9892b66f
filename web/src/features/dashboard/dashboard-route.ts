/**
 * The dashboard's pages, addressed by the URL's hash (`#/users`) so a reload or a shared link opens
 * the same page while the server keeps serving one index.html at `/`.
 */
export type DashboardRoute = 'integrity' | 'alerts' | 'channels' | 'users' | 'audit' | 'password';

const paths: Record<DashboardRoute, string> = {
  integrity: '#/',
  alerts: '#/alerts',
  channels: '#/channels',
  users: '#/users',
  audit: '#/audit',
  password: '#/account/password',
};

export function routeHref(route: DashboardRoute): string {
  return paths[route];
}

export function parseRoute(hash: string): DashboardRoute {
  const path = hash.replace(/\/+$/, '') || '#';
  for (const [route, href] of Object.entries(paths) as Array<[DashboardRoute, string]>) {
    if (href.replace(/\/+$/, '') === path) return route;
  }
  return 'integrity';
}

// The operation a page cannot work without, as the server's permission table names it (User.permissions).
// Everyone signed in has the integrity view and their own password.
const requiredPermission: Partial<Record<DashboardRoute, string>> = {
  alerts: 'Query.alertRules',
  channels: 'Query.notificationChannels',
  users: 'Query.users',
  audit: 'Query.auditLog',
};

export function mayOpen(route: DashboardRoute, permissions: readonly string[] | undefined): boolean {
  const required = requiredPermission[route];
  return required === undefined || (permissions?.includes(required) ?? false);
}

/** The header's pages; `short` is the label on phones (the link's name stays `label`). */
export const navigationRoutes: ReadonlyArray<{ route: DashboardRoute; label: string; short: string }> = [
  { route: 'integrity', label: 'Integrity', short: 'Integrity' },
  { route: 'alerts', label: 'Alert rules', short: 'Rules' },
  { route: 'channels', label: 'Channels', short: 'Channels' },
  { route: 'users', label: 'Users', short: 'Users' },
  { route: 'audit', label: 'Audit', short: 'Audit' },
];
