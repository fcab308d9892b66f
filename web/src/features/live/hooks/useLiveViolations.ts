import { useCallback, useState } from 'react';
import type { ViolationsChangedSubscription as Pushed } from '../../../generated/graphql';
import { useLive } from '../../connection/hooks/useLive';
import { useSubscriptionEvents } from '../../connection/hooks/useSubscriptionEvents';
import { ViolationsChangedSubscription } from '../graphql/violations-changed.subscription';
import { applyViolationChange, noLiveViolations, type LiveViolations } from '../live-violations';

/**
 * Follows `violationsChanged`: what live detection opens and resolves, from any writer's change,
 * the moment it is checked. The table shows it at once (LiveViolations), and the queries that list
 * or count violations refetch (coalesced), so the metrics move too. Missed pushes: the same refetch
 * catches up, and the subscription starts again.
 */
export function useLiveViolations(): LiveViolations {
  const { refresh } = useLive();
  const [live, setLive] = useState<LiveViolations>(noLiveViolations);
  const onPush = useCallback(
    (event: Pushed) => {
      setLive((current) => applyViolationChange(current, event.violationsChanged));
      refresh.emit('violations-changed');
    },
    [refresh],
  );
  const onMissed = useCallback(() => refresh.emit('violations-changed'), [refresh]);
  useSubscriptionEvents(ViolationsChangedSubscription, onPush, onMissed);
  return live;
}
