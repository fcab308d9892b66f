import { useCallback, useState } from 'react';
import type { AlertsChangedSubscription as Pushed } from '../../../generated/graphql';
import { useLive } from '../../connection/hooks/useLive';
import { useSubscriptionEvents } from '../../connection/hooks/useSubscriptionEvents';
import type { AlertPush } from '../alert';
import { AlertsChangedSubscription } from '../graphql/alerts-changed.subscription';

/** Pushes kept for the strip until the next answer of its query carries them. */
const maxPushes = 100;

/**
 * Follows `alertsChanged`, every transition of any alert (fired, escalated, acknowledged, resolved),
 * once for the whole dashboard. The strip shows a pushed alert at once; every query that shows
 * alerts, rules' states or deliveries is told and refetches (coalesced). Missed pushes: the same
 * refetch catches up, and the subscription starts again.
 */
export function useAlertEvents(): readonly AlertPush[] {
  const { refresh } = useLive();
  const [pushes, setPushes] = useState<readonly AlertPush[]>([]);
  const onPush = useCallback(
    (event: Pushed) => {
      const alert = event.alertsChanged;
      setPushes((current) => [...current.filter((push) => push.alert.id !== alert.id), { alert, receivedAt: Date.now() }].slice(-maxPushes));
      refresh.emit('alerts-changed');
    },
    [refresh],
  );
  const onMissed = useCallback(() => refresh.emit('alerts-changed'), [refresh]);
  useSubscriptionEvents(AlertsChangedSubscription, onPush, onMissed);
  return pushes;
}
