import { createContext } from 'react';
import type { Session, SignOutReason } from './session';

export interface SessionContextValue {
  session: Session | null;
  /** Why the previous session ended, shown on the login page. */
  notice: string | null;
  signIn: (session: Session) => void;
  signOut: (reason: SignOutReason) => void;
  /**
   * While the returned release has not been called, an expiry (a token refused, the socket closed
   * for auth) waits: a password change ends this session on purpose, just before signing in again.
   * Released without a new signIn, the waiting expiry then signs out.
   */
  holdExpiry: () => () => void;
}

export const SessionContext = createContext<SessionContextValue | null>(null);
