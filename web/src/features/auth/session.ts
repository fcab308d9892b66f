import type { Role } from '../../generated/graphql';

export interface Session {
  accessToken: string;
  expiresAt: string;
  user: {
    id: string;
    email: string;
    fullName: string;
    role: Role;
    /** Signed in with a one-time password: nothing but the password screen until it is changed. */
    mustChangePassword: boolean;
    /** The operations the role may run, `Type.field` (the server's one permission table). */
    permissions: readonly string[];
  };
}

/** Who may sign in to the dashboard; instructors and students use other clients of the API. */
export const dashboardRoles: ReadonlySet<Role> = new Set<Role>(['ADMIN', 'OPERATOR', 'VIEWER']);

export type SignOutReason = 'user' | 'expired' | 'forbidden';

// sessionStorage, not localStorage: the token dies with the tab and is never shared between tabs.
const storageKey = 'levelsync.session';

export function loadSession(now = Date.now()): Session | null {
  try {
    const raw = window.sessionStorage.getItem(storageKey);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    if (!session.accessToken || Date.parse(session.expiresAt) <= now) {
      clearSession();
      return null;
    }
    // Stored by an older dashboard: no pages beyond the integrity view until the next sign-in.
    return { ...session, user: { ...session.user, mustChangePassword: session.user.mustChangePassword === true, permissions: Array.isArray(session.user.permissions) ? session.user.permissions : [] } };
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  try {
    window.sessionStorage.setItem(storageKey, JSON.stringify(session));
  } catch {
    // Storage can be disabled (private mode); the in-memory session still works for this page.
  }
}

export function clearSession(): void {
  try {
    window.sessionStorage.removeItem(storageKey);
  } catch {
    // Nothing stored, nothing to clear.
  }
}

export function signOutMessage(reason: SignOutReason): string | null {
  switch (reason) {
    case 'expired':
      return 'Your session has expired. Sign in again to continue.';
    case 'forbidden':
      return 'Your account no longer has access to the dashboard.';
    case 'user':
      return null;
  }
}
