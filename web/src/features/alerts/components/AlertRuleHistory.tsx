import { RelativeTime } from '../../../shared/components/RelativeTime';
import { afterAlertChanges } from '../../connection/refresh-bus';
import { useLiveQuery } from '../../connection/hooks/useLiveQuery';
import { formatMetricValue } from '../alert-metric';
import { AlertTransitionsQuery } from '../graphql/alert-transitions.query';

/** A rule's transitions, newest first: what moved, at which value, and why no one was told. */
export function AlertRuleHistory({ ruleId, metric, now }: { ruleId: string; metric: string; now: number }) {
  const [{ data, error }] = useLiveQuery({ query: AlertTransitionsQuery, variables: { ruleId } }, { refreshOn: afterAlertChanges });
  if (error && !data) return <p className="panel-empty">This rule’s history is unavailable right now.</p>;
  if (!data) return <p className="panel-empty">Loading the history…</p>;
  if (data.alertTransitions.length === 0) return <p className="panel-empty">No transition yet: this rule has never left OK.</p>;
  return (
    <ol className="transition-list" aria-label="Transitions" data-testid="rule-history">
      {data.alertTransitions.map((transition) => (
        <li key={transition.id} className="transition-list__item">
          <RelativeTime iso={transition.at} now={now} />
          <span className={`transition-list__kind transition-list__kind--${transition.kind}`}>{transition.kind.replace(/-/g, ' ')}</span>
          <span className="transition-list__states">
            {transition.fromState.toLowerCase()} → {transition.toState.toLowerCase()}
            {transition.severity ? ` (${transition.severity.toLowerCase()})` : ''}
          </span>
          <span className="transition-list__value">{formatMetricValue(metric, transition.value)}</span>
          {transition.suppressed ? <span className="kind-chip">not notified: {transition.suppressed.toLowerCase()}</span> : null}
        </li>
      ))}
    </ol>
  );
}
