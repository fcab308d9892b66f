import { useEffect, useRef, useState } from 'react';
import { useQuery, type AnyVariables, type UseQueryArgs } from 'urql';
import { RefetchScheduler } from '../refetch-scheduler';
import { afterRunsAndReconnects, type RefreshReason } from '../refresh-bus';
import { useLive } from './useLive';

export interface LiveQueryOptions {
  /**
   * The events after which this query's answer may be out of date: by default a reconnect and a
   * finished run; what lists or counts violations and repairs passes `afterRepairsToo`.
   */
  refreshOn?: readonly RefreshReason[];
}

/**
 * useQuery that refetches from the network when the refresh bus announces an event it cares about.
 * This is the only way dashboard queries re-run: there is no polling interval, and no cache that
 * re-runs queries behind the bus's back. Refetches are coalesced and retried (RefetchScheduler).
 * While the API is unreachable it keeps the last data it had, so the page shows the last known
 * state under the banner instead of going blank.
 */
export function useLiveQuery<Data, Variables extends AnyVariables>(args: UseQueryArgs<Variables, Data>, options: LiveQueryOptions = {}) {
  const [result, reexecute] = useQuery<Data, Variables>(args);
  const { refresh } = useLive();
  const lastData = useRef<Data | undefined>(undefined);
  const reasons = (options.refreshOn ?? afterRunsAndReconnects).join(' ');

  const reexecuteRef = useRef(reexecute);
  useEffect(() => {
    reexecuteRef.current = reexecute;
  }, [reexecute]);
  const [scheduler] = useState(() => new RefetchScheduler(() => reexecuteRef.current({ requestPolicy: 'network-only' })));
  useEffect(() => () => scheduler.dispose(), [scheduler]);

  useEffect(() => {
    const wanted = new Set(reasons.split(' '));
    return refresh.on((reason) => {
      if (wanted.has(reason)) scheduler.request();
    });
  }, [refresh, scheduler, reasons]);

  // Every answer is a new data or error object, so this runs once per answer even when the fetch
  // was too quick to render as fetching.
  useEffect(() => scheduler.observe(result.fetching, result.error !== undefined), [scheduler, result.fetching, result.data, result.error]);

  // Until its first answer is in, this query holds the live client's subscriptions back (see RefreshBus).
  const answered = result.data !== undefined || result.error !== undefined;
  useEffect(() => (answered ? undefined : refresh.trackFirstLoad()), [answered, refresh]);

  useEffect(() => {
    if (result.data !== undefined) lastData.current = result.data;
  }, [result.data]);

  const data = result.data ?? (result.error ? lastData.current : undefined);
  return [{ ...result, data }, reexecute] as const;
}
