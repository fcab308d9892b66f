import { useEffect, useRef } from 'react';
import { useClient, type AnyVariables, type TypedDocumentNode } from 'urql';

/**
 * Calls `onEvent` once for every event of a subscription, in order. Unlike useSubscription's
 * reducer, nothing is coalesced by React batching, so a quick QUEUED → RUNNING → SUCCEEDED
 * sequence is seen in full.
 */
export function useSubscriptionEvents<Data, Variables extends AnyVariables>(
  query: TypedDocumentNode<Data, Variables>,
  onEvent: (data: Data) => void,
): void {
  const client = useClient();
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  }, [onEvent]);

  useEffect(() => {
    const subscription = client.subscription(query, {} as Variables).subscribe((result) => {
      if (result.data) handler.current(result.data);
    });
    return () => subscription.unsubscribe();
  }, [client, query]);
}
