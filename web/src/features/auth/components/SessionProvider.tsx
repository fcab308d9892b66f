import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { clearSession, loadSession, saveSession, signOutMessage, type Session, type SignOutReason } from '../session';
import { SessionContext } from '../session-context';

// setTimeout overflows above 2^31-1 ms (~24.8 days) and would fire at once.
const maxTimeoutMs = 2_147_483_647;

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [notice, setNotice] = useState<string | null>(null);

  const holds = useRef(0);
  const expiredWhileHeld = useRef(false);

  const signIn = useCallback((next: Session) => {
    expiredWhileHeld.current = false;
    saveSession(next);
    setNotice(null);
    setSession(next);
  }, []);

  const signOut = useCallback((reason: SignOutReason) => {
    if (reason === 'expired' && holds.current > 0) {
      expiredWhileHeld.current = true;
      return;
    }
    clearSession();
    setNotice(signOutMessage(reason));
    setSession(null);
  }, []);

  const holdExpiry = useCallback(() => {
    holds.current += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      holds.current -= 1;
      if (holds.current === 0 && expiredWhileHeld.current) {
        expiredWhileHeld.current = false;
        signOut('expired');
      }
    };
  }, [signOut]);

  // The token carries its own expiry: leave the dashboard the moment it lapses, not on the next error.
  useEffect(() => {
    if (!session) return;
    const remaining = Date.parse(session.expiresAt) - Date.now();
    const timer = window.setTimeout(() => signOut('expired'), Math.min(Math.max(remaining, 0), maxTimeoutMs));
    return () => window.clearTimeout(timer);
  }, [session, signOut]);

  const value = useMemo(() => ({ session, notice, signIn, signOut, holdExpiry }), [session, notice, signIn, signOut, holdExpiry]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
