import { Panel } from '../../../shared/components/Panel';
import { RelativeTime } from '../../../shared/components/RelativeTime';
import { formatDuration } from '../../../shared/format/format-duration';
import { afterAlertChanges } from '../../connection/refresh-bus';
import { useLiveQuery } from '../../connection/hooks/useLiveQuery';
import { formatMetricValue } from '../alert-metric';
import { AlertHistoryQuery } from '../graphql/alert-history.query';
import { SeverityBadge } from './SeverityBadge';

const historySize = 50;

/** Every alert, newest first: when it fired, how long it lasted, who acknowledged it. */
export function AlertHistoryPanel({ now }: { now: number }) {
  const [{ data, error }] = useLiveQuery({ query: AlertHistoryQuery, variables: { first: historySize } }, { refreshOn: afterAlertChanges });
  const alerts = data?.alerts.edges.map((edge) => edge.node) ?? [];

  return (
    <Panel title="Alert history" id="alert-history-title" className="alert-history-panel">
      {error && !data ? (
        <p className="panel-empty">The alert history is unavailable right now.</p>
      ) : !data ? (
        <p className="panel-empty">Loading the alert history…</p>
      ) : alerts.length === 0 ? (
        <p className="panel-empty">No alert has fired yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table" data-testid="alert-history">
            <thead>
              <tr>
                <th scope="col">Severity</th>
                <th scope="col">Rule</th>
                <th scope="col" className="numeric">
                  Value
                </th>
                <th scope="col">Started</th>
                <th scope="col">Resolved</th>
                <th scope="col" className="numeric">
                  Lasted
                </th>
                <th scope="col">Acknowledged</th>
              </tr>
            </thead>
            <tbody>
              {alerts.map((alert) => (
                <tr key={alert.id}>
                  <td>
                    <SeverityBadge state={alert.state === 'PENDING' ? 'PENDING' : 'FIRING'} severity={alert.severity} />
                  </td>
                  <td>{alert.rule.name}</td>
                  <td className="numeric">{formatMetricValue(alert.rule.metric, alert.value)}</td>
                  <td>
                    <RelativeTime iso={alert.startedAt} now={now} />
                  </td>
                  <td>
                    {alert.resolvedAt ? (
                      <RelativeTime iso={alert.resolvedAt} now={now} />
                    ) : alert.state === 'PENDING' ? (
                      <span className="data-table__sub">pending</span>
                    ) : (
                      <strong className="text-critical">firing</strong>
                    )}
                  </td>
                  <td className="numeric">{formatDuration((alert.resolvedAt ? Date.parse(alert.resolvedAt) : Math.max(now, Date.now())) - Date.parse(alert.startedAt))}</td>
                  <td>
                    {alert.acknowledgedAt ? (
                      <>
                        {alert.acknowledgedBy?.fullName ?? 'yes'}, <RelativeTime iso={alert.acknowledgedAt} now={now} />
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
