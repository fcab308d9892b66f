import { createContext } from 'react';
import type { Session, SignOutReason } from './session';

export interface SessionContextValue {
  session: Session | null;
  /** Why the previous session ended, shown on the login page. */
  notice: string | null;
  signIn: (session: Session) => void;
  signOut: (reason: SignOutReason) => void;
}

export const SessionContext = createContext<SessionContextValue | null>(null);
