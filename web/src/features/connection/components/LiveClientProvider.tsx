import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Provider } from 'urql';
import { createLiveClient, type LiveClient } from '../create-live-client';
import { LiveContext } from '../live-context';

interface LiveClientProviderProps {
  token: string;
  onSessionExpired: () => void;
  children: ReactNode;
}

export function LiveClientProvider({ token, onSessionExpired, children }: LiveClientProviderProps) {
  // Read through a ref so a new callback identity never tears down the socket.
  const onExpiredRef = useRef(onSessionExpired);
  useEffect(() => {
    onExpiredRef.current = onSessionExpired;
  }, [onSessionExpired]);

  // One client (and one socket) per token, created in an effect so it is always disposed with it.
  const [live, setLive] = useState<LiveClient | null>(null);
  useEffect(() => {
    const created = createLiveClient({ token, onSessionExpired: () => onExpiredRef.current() });
    setLive(created);
    return () => created.dispose();
  }, [token]);
  const context = useMemo(() => (live ? { status: live.status, refresh: live.refresh } : null), [live]);

  if (!live || !context) return null;

  return (
    <Provider value={live.client}>
      <LiveContext.Provider value={context}>{children}</LiveContext.Provider>
    </Provider>
  );
}
