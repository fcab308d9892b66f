import { useEffect, useState } from 'react';

/**
 * A local clock for relative times ("3 min ago"). It only re-renders; it never touches the network,
 * so it is not polling: all data still arrives through subscriptions.
 */
export function useNow(intervalMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}
