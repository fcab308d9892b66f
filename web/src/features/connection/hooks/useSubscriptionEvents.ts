import { useEffect, useRef, useState } from 'react';
import { useClient, type AnyVariables, type TypedDocumentNode } from 'urql';

/**
 * Calls `onEvent` once for every event of a subscription, in order. Unlike useSubscription's
 * reducer, nothing is coalesced by React batching, so a quick QUEUED → RUNNING → SUCCEEDED
 * sequence is seen in full.
 *
 * A subscription to deltas (repairsMade) that missed events ends with reason EVENTS_MISSED: then
 * `onMissed` runs (re-read what the deltas would have changed) and the subscription starts again.
 */
export function useSubscriptionEvents<Data, Variables extends AnyVariables>(
  query: TypedDocumentNode<Data, Variables>,
  onEvent: (data: Data) => void,
  onMissed?: () => void,
): void {
  const client = useClient();
  const handler = useRef(onEvent);
  const missedHandler = useRef(onMissed);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    handler.current = onEvent;
    missedHandler.current = onMissed;
  }, [onEvent, onMissed]);

  useEffect(() => {
    const subscription = client.subscription(query, {} as Variables).subscribe((result) => {
      if (result.data) handler.current(result.data);
      if (result.error?.graphQLErrors.some((error) => error.extensions?.reason === 'EVENTS_MISSED')) {
        missedHandler.current?.();
        setGeneration((current) => current + 1);
      }
    });
    return () => subscription.unsubscribe();
  }, [client, query, generation]);
}
