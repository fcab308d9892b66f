import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { clearSession, loadSession, saveSession, signOutMessage, type Session, type SignOutReason } from '../session';
import { SessionContext } from '../session-context';

// setTimeout overflows above 2^31-1 ms (~24.8 days) and would fire at once.
const maxTimeoutMs = 2_147_483_647;

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [notice, setNotice] = useState<string | null>(null);

  const signIn = useCallback((next: Session) => {
    saveSession(next);
    setNotice(null);
    setSession(next);
  }, []);

  const signOut = useCallback((reason: SignOutReason) => {
    clearSession();
    setNotice(signOutMessage(reason));
    setSession(null);
  }, []);

  // The token carries its own expiry: leave the dashboard the moment it lapses, not on the next error.
  useEffect(() => {
    if (!session) return;
    const remaining = Date.parse(session.expiresAt) - Date.now();
    const timer = window.setTimeout(() => signOut('expired'), Math.min(Math.max(remaining, 0), maxTimeoutMs));
    return () => window.clearTimeout(timer);
  }, [session, signOut]);

  const value = useMemo(() => ({ session, notice, signIn, signOut }), [session, notice, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
