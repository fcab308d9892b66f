import { useMemo } from 'react';
import { Provider } from 'urql';
import { LoginPage } from '../features/auth/components/LoginPage';
import { useSession } from '../features/auth/hooks/useSession';
import { createAnonymousClient } from '../features/connection/create-live-client';
import { LiveClientProvider } from '../features/connection/components/LiveClientProvider';
import { DashboardPage } from '../features/dashboard/components/DashboardPage';

/** Signed out: the login page on an HTTP-only client. Signed in: the live dashboard on its own socket. */
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
      <DashboardPage />
    </LiveClientProvider>
  );
}
