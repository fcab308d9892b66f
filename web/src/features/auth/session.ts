import type { Role } from '../../generated/graphql';

export interface Session {
  accessToken: string;
  expiresAt: string;
  /**
   * `permissions`: the operations the role may run (`Mutation.resyncLicense`, …), as the server's permission table says.
   * `mustChangePassword`: signed in with a one-time password, so nothing but the password screen until it is changed.
   */
  user: { id: string; email: string; fullName: string; role: Role; permissions: string[]; mustChangePassword: boolean };
}

export type SignOutReason = 'user' | 'expired' | 'forbidden';

// sessionStorage, not localStorage: the token dies with the tab and is never shared between tabs.
const storageKey = 'levelsync.session';

export function loadSession(now = Date.now()): Session | null {
  try {
    const raw = window.sessionStorage.getItem(storageKey);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    // A session saved before permissions were part of it is signed in again rather than guessed at.
    if (!session.accessToken || Date.parse(session.expiresAt) <= now || !Array.isArray(session.user?.permissions)) {
      clearSession();
      return null;
    }
    return { ...session, user: { ...session.user, mustChangePassword: session.user.mustChangePassword === true } };
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
