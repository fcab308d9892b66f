import { useEffect, useRef } from 'react';
import { useQuery, type AnyVariables, type UseQueryArgs } from 'urql';
import { useLive } from './useLive';

/**
 * useQuery that refetches from the network whenever the refresh bus fires (reconnect, finished run,
 * repair). This is the only way dashboard queries re-run: there is no polling interval.
 * While the API is unreachable it keeps the last data it had, so the page shows the last known
 * state under the banner instead of going blank.
 */
export function useLiveQuery<Data, Variables extends AnyVariables>(args: UseQueryArgs<Variables, Data>) {
  const [result, reexecute] = useQuery<Data, Variables>(args);
  const { refresh } = useLive();
  const lastData = useRef<Data | undefined>(undefined);

  useEffect(() => refresh.on(() => reexecute({ requestPolicy: 'network-only' })), [refresh, reexecute]);
  useEffect(() => {
    if (result.data !== undefined) lastData.current = result.data;
  }, [result.data]);

  const data = result.data ?? (result.error ? lastData.current : undefined);
  return [{ ...result, data }, reexecute] as const;
}
