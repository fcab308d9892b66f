import { useMemo } from 'react';
import { formatTimestamp } from '../../../shared/format/format-relative-time';
import { afterAlertChanges } from '../../connection/refresh-bus';
import { useLiveQuery } from '../../connection/hooks/useLiveQuery';
import type { ChartMark } from '../../history/chart-mark';
import { formatMetricValue } from '../alert-metric';
import { AlertMarksQuery } from '../graphql/alert-marks.query';

const consistencyMetric = 'CONSISTENCY_RATE';

/** The consistency rules' alerts as chart marks: one when each fired, one when it resolved. Live over alertsChanged. */
export function useConsistencyAlertMarks(): ChartMark[] {
  const [{ data }] = useLiveQuery({ query: AlertMarksQuery }, { refreshOn: afterAlertChanges });
  return useMemo(() => {
    const alerts = (data?.alerts.edges ?? []).map((edge) => edge.node).filter((alert) => alert.rule.metric === consistencyMetric && alert.state !== 'PENDING');
    return alerts.flatMap((alert): ChartMark[] => {
      const severity = alert.severity === 'CRITICAL' ? 'critical' : 'warning';
      const fired: ChartMark = {
        id: `${alert.id}-fired`,
        time: Date.parse(alert.startedAt),
        kind: 'fired',
        tone: severity,
        label: `${alert.rule.name} fired ${alert.severity} at ${formatMetricValue(alert.rule.metric, alert.value)}, ${formatTimestamp(alert.startedAt)}`,
      };
      if (!alert.resolvedAt) return [fired];
      return [
        fired,
        { id: `${alert.id}-resolved`, time: Date.parse(alert.resolvedAt), kind: 'resolved', tone: 'resolved', label: `${alert.rule.name} resolved, ${formatTimestamp(alert.resolvedAt)}` },
      ];
    });
  }, [data]);
}
