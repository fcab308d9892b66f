import { Panel } from '../../../shared/components/Panel';
import { RelativeTime } from '../../../shared/components/RelativeTime';
import { formatDuration } from '../../../shared/format/format-duration';
import { formatNumber } from '../../../shared/format/format-number';
import { useLiveQuery } from '../../connection/hooks/useLiveQuery';
import { SystemInfoQuery } from '../graphql/system-info.query';
import { useReceivedAt } from '../hooks/useReceivedAt';

interface SystemInfoPanelProps {
  now: number;
}

export function SystemInfoPanel({ now }: SystemInfoPanelProps) {
  const [{ data, error }] = useLiveQuery({ query: SystemInfoQuery });
  const info = data?.systemInfo;
  // Uptime advances with the local clock from the moment the answer arrived; no re-query needed.
  const receivedAt = useReceivedAt(info);
  const uptimeMs = info ? info.uptimeSeconds * 1000 + Math.max(0, now - receivedAt) : null;

  return (
    <Panel title="System" id="system-title" className="system-panel">
      {error && !info ? (
        <p className="panel-empty">System information is unavailable right now.</p>
      ) : (
        <dl className="system" data-testid="system-info">
          <div>
            <dt>Version</dt>
            <dd className="mono">{info?.version ?? '—'}</dd>
          </div>
          <div>
            <dt>Uptime</dt>
            <dd>{formatDuration(uptimeMs)}</dd>
          </div>
          <div>
            <dt>Workers online</dt>
            <dd className={info && info.workersOnline === 0 ? 'system__warn' : undefined}>
              {formatNumber(info?.workersOnline)}
              {info && info.workersOnline === 0 ? ' — checks cannot run' : ''}
            </dd>
          </div>
          <div>
            <dt>Queue depth</dt>
            <dd>{formatNumber(info?.queueDepth)}</dd>
          </div>
          <div>
            <dt>Last check</dt>
            <dd>
              <RelativeTime iso={info?.lastCheckAt} now={now} />
            </dd>
          </div>
          <div>
            <dt>Next scheduled</dt>
            <dd>
              <RelativeTime iso={info?.nextScheduledAt} now={now} />
            </dd>
          </div>
        </dl>
      )}
    </Panel>
  );
}
