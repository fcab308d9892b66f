import { useCallback, useEffect, useState } from 'react';
import type { HealthStatusChangedSubscription as Pushed, HealthStatusFieldsFragment } from '../../../generated/graphql';
import { useLiveQuery } from '../../connection/hooks/useLiveQuery';
import { useSubscriptionEvents } from '../../connection/hooks/useSubscriptionEvents';
import { HealthStatusChangedSubscription } from '../graphql/health-status-changed.subscription';
import { HealthStatusQuery } from '../graphql/health-status.query';

/** The current health: the query's answer, replaced by every `healthStatusChanged` push. */
export function useHealthStatus() {
  const [{ data, error, fetching }] = useLiveQuery({ query: HealthStatusQuery });
  const [pushed, setPushed] = useState<HealthStatusFieldsFragment | null>(null);

  // A fresh query answer (after a reconnect or a finished run) supersedes older pushes.
  useEffect(() => setPushed(null), [data]);
  const onPush = useCallback((event: Pushed) => setPushed(event.healthStatusChanged), []);
  useSubscriptionEvents(HealthStatusChangedSubscription, onPush);

  // undefined until the query answers: which run the dashboard's queries reflect is then unknown.
  const loadedRunId = data?.healthStatus ? (data.healthStatus.lastRun?.id ?? null) : undefined;
  return { status: pushed ?? data?.healthStatus ?? null, loadedRunId, error, fetching };
}
