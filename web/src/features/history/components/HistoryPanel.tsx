import { Panel } from '../../../shared/components/Panel';
import { useConsistencyAlertMarks } from '../../alerts/hooks/useConsistencyAlertMarks';
import { formatPercent } from '../../../shared/format/format-percent';
import { useLiveQuery } from '../../connection/hooks/useLiveQuery';
import { healthThresholds } from '../../health/health-state';
import { CheckRunHistoryQuery } from '../graphql/check-run-history.query';
import { ConsistencyHistoryChart } from './ConsistencyHistoryChart';

const historySize = 50;

export function HistoryPanel() {
  const [{ data, error }] = useLiveQuery({ query: CheckRunHistoryQuery, variables: { first: historySize } });
  const runs = data?.checkRuns?.edges.map((edge) => edge.node) ?? [];
  const alertMarks = useConsistencyAlertMarks();

  return (
    <Panel
      title="Consistency history"
      id="history-title"
      className="history-panel"
      actions={
        <div className="chart-legend" aria-hidden="true">
          <span className="chart-legend__item chart-legend__item--healthy">{formatPercent(healthThresholds.healthy, 0)} healthy</span>
          <span className="chart-legend__item chart-legend__item--degraded">{formatPercent(healthThresholds.degraded, 0)} degraded</span>
          <span className="chart-legend__item chart-legend__item--alert">alert</span>
        </div>
      }
    >
      {error && !data ? (
        <p className="panel-empty">The check history is unavailable right now.</p>
      ) : !data ? (
        <p className="panel-empty">Loading the check history…</p>
      ) : (
        <ConsistencyHistoryChart runs={runs} marks={alertMarks} />
      )}
    </Panel>
  );
}
