import { useCallback, useEffect, useRef } from 'react';
import { useLive } from '../../connection/hooks/useLive';
import { useSubscriptionEvents } from '../../connection/hooks/useSubscriptionEvents';
import { RepairsMadeSubscription } from '../graphql/repairs-made.subscription';

/** At most one refetch per this many milliseconds while an auto-sync streams its batches. */
const refreshGapMs = 500;

/**
 * Follows repairs made anywhere (another admin's resync, auto-sync batches) and asks every live
 * query to refetch, so the violations table, recent repairs and metrics follow without waiting for
 * the next check. A burst of batches becomes one refetch now and one at the end of the burst.
 */
export function useRepairEvents(): void {
  const { refresh } = useLive();
  const scheduled = useRef<number | null>(null);
  const lastRefreshAt = useRef(0);

  const onRepairs = useCallback(() => {
    if (scheduled.current !== null) return; // the refetch already scheduled will include this batch
    const wait = Math.max(0, lastRefreshAt.current + refreshGapMs - Date.now());
    scheduled.current = window.setTimeout(() => {
      scheduled.current = null;
      lastRefreshAt.current = Date.now();
      refresh.emit('repaired');
    }, wait);
  }, [refresh]);

  useEffect(
    () => () => {
      if (scheduled.current !== null) window.clearTimeout(scheduled.current);
    },
    [],
  );
  // Batches missed (the subscription fell behind, or the server's event bus reconnected): the same
  // refetch catches up, and the hook subscribes again.
  useSubscriptionEvents(RepairsMadeSubscription, onRepairs, onRepairs);
}
