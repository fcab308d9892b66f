import { useCallback, useEffect, useRef, useState } from 'react';
import { useMutation } from 'urql';
import type { CheckRunUpdatedSubscription as RunEvent } from '../../../generated/graphql';
import { formatPercent } from '../../../shared/format/format-percent';
import { useLive } from '../../connection/hooks/useLive';
import { useSubscriptionEvents } from '../../connection/hooks/useSubscriptionEvents';
import { isActive, isFinished, isRetrying, latestRun, type CheckRun } from '../check-run';
import { CheckRunUpdatedSubscription } from '../graphql/check-run-updated.subscription';
import { RunHealthCheckMutation } from '../graphql/run-health-check.mutation';

interface KnownRuns {
  /** The run to show in the status panel (from the health status query/push). */
  activeRun: CheckRun | null;
  lastRun: CheckRun | null;
  /**
   * The latest finished run when the dashboard's queries last loaded (from the health query, never
   * from a push): a run event for any other finished run means the panels are behind. A
   * `healthStatusChanged` push may announce a run before `checkRunUpdated` does, so the pushed
   * lastRun cannot tell whether the panels were refreshed.
   */
  loadedRunId: string | null | undefined;
}

function describeRetry(run: CheckRun): string {
  return `Health check attempt failed, retrying: ${run.error ?? 'no reason given'}.`;
}

function describeFinish(run: CheckRun): string {
  if (run.state === 'FAILED') return `Health check failed: ${run.error ?? 'no reason given'}.`;
  return `Health check finished: ${formatPercent(run.consistencyRate)} consistent, ${run.inconsistent ?? 0} inconsistent pairs.`;
}

/**
 * Follows check runs live: the active one with its progress, and the latest finished one. A finished
 * run asks every live query to refetch, so metrics, violations and history follow within a second.
 *
 * The server stores, then publishes, every change of a run in order, and publishes exactly one
 * finished state per run; a failed attempt that will be retried stays active (RUNNING, with its
 * error, progress back at 0). So for one run, each pushed event replaces the last (progress may go
 * back, at a retry), and only a finished run is final. Query answers can be older than the pushes
 * (they were read before them): they never overwrite a run the pushes already follow.
 */
export function useCheckRuns(known: KnownRuns) {
  const { refresh } = useLive();
  const [activeRun, setActiveRun] = useState<CheckRun | null>(null);
  const [finishedRun, setFinishedRun] = useState<CheckRun | null>(null);
  const [announcement, setAnnouncement] = useState('');
  // Runs seen finishing here: nothing later (a late query answer, a stale push) revives one.
  const finishedIds = useRef(new Set<string>());
  // Runs seen queued or running here; only their finish is announced.
  const seenActive = useRef(new Set<string>());
  // The last error announced per active run, so each failed attempt is announced once.
  const announcedErrors = useRef(new Map<string, string>());

  // The server's answer wins when it names another run or none: after a reconnect it is how a finish
  // we missed gets noticed. For the run the pushes already follow, the pushes are newer.
  useEffect(() => {
    const candidate = known.activeRun;
    setActiveRun((current) => {
      if (!candidate || !isActive(candidate) || finishedIds.current.has(candidate.id)) return null;
      seenActive.current.add(candidate.id);
      return current?.id === candidate.id ? current : candidate;
    });
  }, [known.activeRun]);

  const loadedRunId = useRef(known.loadedRunId);
  useEffect(() => {
    loadedRunId.current = known.loadedRunId;
  }, [known.loadedRunId]);

  const announceRetry = useCallback((run: CheckRun) => {
    if (!isRetrying(run) || announcedErrors.current.get(run.id) === run.error) return;
    announcedErrors.current.set(run.id, run.error!);
    setAnnouncement(describeRetry(run));
  }, []);

  const onRunEvent = useCallback(
    ({ checkRunUpdated: run }: RunEvent) => {
      if (finishedIds.current.has(run.id)) return;
      if (!isFinished(run)) {
        seenActive.current.add(run.id);
        setActiveRun(run);
        announceRetry(run);
        return;
      }
      finishedIds.current.add(run.id);
      announcedErrors.current.delete(run.id);
      setActiveRun((current) => (current?.id === run.id || current === null ? null : current));
      setFinishedRun(run);
      // On (re)subscribe the server first sends the latest run as a snapshot: the one the panels were
      // loaded with changes nothing, but one that finished while we were away does.
      const alreadyShown = loadedRunId.current === run.id;
      if (seenActive.current.has(run.id)) setAnnouncement(describeFinish(run));
      if (!alreadyShown) refresh.emit('run-finished');
    },
    [refresh, announceRetry],
  );
  useSubscriptionEvents(CheckRunUpdatedSubscription, onRunEvent);

  const [{ fetching: starting, error: startError }, runHealthCheck] = useMutation(RunHealthCheckMutation);
  const startCheck = useCallback(async () => {
    const result = await runHealthCheck({});
    const run = result.data?.runHealthCheck;
    if (run && isActive(run) && !finishedIds.current.has(run.id)) {
      seenActive.current.add(run.id);
      setActiveRun((current) => (current?.id === run.id ? current : run));
      setAnnouncement('Health check queued.');
    }
  }, [runHealthCheck]);

  return {
    activeRun,
    lastRun: latestRun(known.lastRun, finishedRun),
    announcement,
    startCheck,
    starting,
    startError: startError ? 'The check could not be started. Try again in a moment.' : null,
  };
}
