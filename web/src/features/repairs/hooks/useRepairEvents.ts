import { useCallback } from 'react';
import { useLive } from '../../connection/hooks/useLive';
import { useSubscriptionEvents } from '../../connection/hooks/useSubscriptionEvents';
import { RepairsMadeSubscription } from '../graphql/repairs-made.subscription';

/**
 * Follows repairs made anywhere (another admin's resync, auto-sync batches, this dashboard's own)
 * and tells the live queries that list violations or repairs, so the table, the audit and the
 * metrics follow without waiting for the next check. Each query coalesces a burst of batches into
 * few refetches itself (RefetchScheduler).
 */
export function useRepairEvents(): void {
  const { refresh } = useLive();
  const onRepairs = useCallback(() => refresh.emit('repaired'), [refresh]);
  // Batches missed (the subscription fell behind, or the server's event bus reconnected): the same
  // refetch catches up, and the hook subscribes again.
  useSubscriptionEvents(RepairsMadeSubscription, onRepairs, onRepairs);
}
