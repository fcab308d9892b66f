import type { HealthState } from '../../../generated/graphql';
import { Panel } from '../../../shared/components/Panel';
import { formatDuration } from '../../../shared/format/format-duration';
import { formatNumber } from '../../../shared/format/format-number';
import { useLiveQuery } from '../../connection/hooks/useLiveQuery';
import { violationTypeLabel, violationTypes } from '../../violations/violation';
import { afterLiveDetectionToo } from '../../connection/refresh-bus';
import { HealthMetricsQuery } from '../graphql/health-metrics.query';
import { openViolationsTone } from '../open-violations-tone';
import { MetricCard } from './MetricCard';

interface MetricsPanelProps {
  /** The current health state, which "Open violations" takes its colour from. */
  healthState?: HealthState;
}

/**
 * Counts as they are now: "Open violations" drops with every repair, while the Health panel's
 * "Inconsistent" stays what the last check found until the next one.
 */
export function MetricsPanel({ healthState }: MetricsPanelProps) {
  const [{ data, error }] = useLiveQuery({ query: HealthMetricsQuery }, { refreshOn: afterLiveDetectionToo });
  const metrics = data?.healthMetrics;
  const counts = new Map(metrics?.openViolationsByType.map((entry) => [entry.type, entry.count]));

  return (
    <Panel title="Metrics" id="metrics-title" className="metrics-panel">
      {error && !metrics ? (
        <p className="panel-empty">Metrics are unavailable right now.</p>
      ) : (
        <dl className="metrics" aria-busy={!metrics}>
          <MetricCard label="Pairs checked" value={formatNumber(metrics?.pairsChecked)} hint="in the last check" />
          <MetricCard
            label="Open violations"
            value={formatNumber(metrics?.openViolations)}
            hint="open now: repairs since the last check count at once"
            tone={openViolationsTone(metrics?.openViolations, healthState)}
            valueTestId="open-violations"
            wide
          >
            <ul className="metric__breakdown" aria-label="Open violations by type">
              {violationTypes.map((type) => (
                <li key={type}>
                  <span>{violationTypeLabel[type]}</span>
                  <span className="metric__count">{formatNumber(metrics ? (counts.get(type) ?? 0) : null)}</span>
                </li>
              ))}
            </ul>
          </MetricCard>
          <MetricCard label="Checks" value={formatNumber(metrics?.checksLast24h)} hint="last 24 h" />
          <MetricCard label="Repairs" value={formatNumber(metrics?.repairsLast24h)} hint="last 24 h" />
          <MetricCard label="Last check took" value={formatDuration(metrics?.lastCheckDurationMs)} hint="wall-clock time" />
        </dl>
      )}
    </Panel>
  );
}
