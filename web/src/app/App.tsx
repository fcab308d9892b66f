import { useMemo } from 'react';
import { Provider } from 'urql';
import { FirstPasswordPage } from '../features/auth/components/FirstPasswordPage';
import { LoginPage } from '../features/auth/components/LoginPage';
import { useSession } from '../features/auth/hooks/useSession';
import { createAnonymousClient } from '../features/connection/create-live-client';
import { LiveClientProvider } from '../features/connection/components/LiveClientProvider';
import { DashboardPage } from '../features/dashboard/components/DashboardPage';

/**
 * Signed out: the login page on an HTTP-only client. Signed in: the live dashboard on its own socket,
 * or first the password screen when the sign-in used a one-time password (the server refuses the rest).
 */
export function App() {
  const { session, signOut } = useSession();
  const anonymousClient = useMemo(() => createAnonymousClient(), []);

  if (!session) {
    return (
      <Provider value={anonymousClient}>
        <LoginPage />
      </Provider>
    );
  }
  return (
    <LiveClientProvider token={session.accessToken} onSessionExpired={() => signOut('expired')}>
      {session.user.mustChangePassword ? <FirstPasswordPage /> : <DashboardPage />}
    </LiveClientProvider>
  );
}
