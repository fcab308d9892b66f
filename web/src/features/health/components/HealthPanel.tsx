import type { HealthStatusFieldsFragment } from '../../../generated/graphql';
import { Panel } from '../../../shared/components/Panel';
import { RelativeTime } from '../../../shared/components/RelativeTime';
import { formatDuration } from '../../../shared/format/format-duration';
import { formatNumber } from '../../../shared/format/format-number';
import { triggerLabel } from '../../checks/check-run';
import { CheckProgressBar } from '../../checks/components/CheckProgressBar';
import { FailedRunAlert } from '../../checks/components/FailedRunAlert';
import { usePermission } from '../../auth/hooks/usePermission';
import { RunCheckButton } from '../../checks/components/RunCheckButton';
import { useCheckRuns } from '../../checks/hooks/useCheckRuns';
import { useConnectionStatus } from '../../connection/hooks/useConnectionStatus';
import { LiveDetectionIndicator } from '../../live/components/LiveDetectionIndicator';
import { healthStateLook } from '../health-state';
import { ConsistencyGauge } from './ConsistencyGauge';
import { StatusBadge } from './StatusBadge';

interface HealthPanelProps {
  status: HealthStatusFieldsFragment | null;
  /** The latest finished run the dashboard's queries were loaded with; defaults to `status.lastRun`. */
  loadedRunId?: string | null;
  now: number;
}

export function HealthPanel({ status, loadedRunId, now }: HealthPanelProps) {
  const { apiUnreachable } = useConnectionStatus();
  const checkPermission = usePermission('Mutation.runHealthCheck', 'run checks');
  const runs = useCheckRuns({
    activeRun: status?.activeRun ?? null,
    lastRun: status?.lastRun ?? null,
    loadedRunId: loadedRunId === undefined ? status?.lastRun?.id : loadedRunId,
  });
  const state = status?.state ?? 'UNKNOWN';
  const lastRun = runs.lastRun;
  const lastSucceeded = lastRun?.state === 'SUCCEEDED' ? lastRun : null;

  return (
    <Panel
      title="Health"
      id="health-title"
      className="health-panel"
      actions={<RunCheckButton
          running={runs.activeRun !== null}
          starting={runs.starting}
          unavailable={apiUnreachable}
          deniedReason={checkPermission.reason}
          onRun={() => void runs.startCheck()}
        />}
    >
      <div className="health" aria-busy={!status}>
        <ConsistencyGauge rate={status?.consistencyRate ?? null} state={state} />
        <div className="health__summary">
          {/* Until the first answer the state is not known to be UNKNOWN: say it is loading. */}
          {status ? <StatusBadge state={state} size="large" /> : null}
          <p className="health__description">{status ? healthStateLook[state].description : 'Loading the current health…'}</p>
          <LiveDetectionIndicator status={status} />
          <dl className="health__facts">
            <div>
              <dt>Last check</dt>
              <dd>
                {lastRun ? (
                  <>
                    <RelativeTime iso={lastRun.finishedAt ?? lastRun.queuedAt} now={now} />
                    <span className="health__fact-detail">
                      {triggerLabel[lastRun.trigger]}
                      {lastRun.durationMs !== null ? ` · ${formatDuration(lastRun.durationMs)}` : ''}
                    </span>
                  </>
                ) : status ? (
                  'Never'
                ) : (
                  '—'
                )}
              </dd>
            </div>
            <div>
              <dt>Pairs checked</dt>
              <dd>{formatNumber(lastSucceeded?.pairsChecked)}</dd>
            </div>
            <div>
              <dt>Inconsistent</dt>
              <dd>
                {formatNumber(lastSucceeded?.inconsistent)}
                {lastSucceeded ? <span className="health__fact-detail">at the last check</span> : null}
              </dd>
            </div>
            <div>
              <dt>Next scheduled</dt>
              <dd>
                <RelativeTime iso={status?.nextScheduledAt} now={now} />
              </dd>
            </div>
          </dl>
        </div>
      </div>
      {runs.activeRun ? <CheckProgressBar run={runs.activeRun} /> : null}
      {runs.startError ? (
        <p className="inline-error" role="alert">
          {runs.startError}
        </p>
      ) : null}
      {!runs.activeRun && lastRun?.state === 'FAILED' ? <FailedRunAlert run={lastRun} now={now} /> : null}
      <p className="visually-hidden" aria-live="polite" data-testid="run-announcement">
        {runs.announcement}
      </p>
    </Panel>
  );
}
