import { useState } from 'react';
import { Icon } from '../../../shared/components/Icon';
import { RelativeTime } from '../../../shared/components/RelativeTime';
import { formatTimestamp } from '../../../shared/format/format-relative-time';
import { afterAlertChanges } from '../../connection/refresh-bus';
import { useLiveQuery } from '../../connection/hooks/useLiveQuery';
import { applyAlertPushes, isSilenced, type Alert, type AlertPush, type AlertRule } from '../alert';
import { formatMetricValue } from '../alert-metric';
import { ActiveAlertsQuery } from '../graphql/active-alerts.query';
import { useAlertActions } from '../hooks/useAlertActions';
import { SeverityBadge } from './SeverityBadge';
import { SilenceMenu } from './SilenceMenu';

interface AlertsStripProps {
  pushes: readonly AlertPush[];
  now: number;
  onOpenRules: () => void;
}

type Actions = ReturnType<typeof useAlertActions>;

/**
 * The top of every dashboard view: what fires (CRITICAL first) and what is about to (PENDING), with
 * acknowledge and silence at hand. Pushed transitions show at once; the query behind it refetches
 * on each of them (never on a timer).
 */
export function AlertsStrip({ pushes, now, onOpenRules }: AlertsStripProps) {
  const [{ data, error }] = useLiveQuery({ query: ActiveAlertsQuery }, { refreshOn: afterAlertChanges });
  // When the latest answer arrived: pushes received before it are in it already.
  const [answer, setAnswer] = useState<{ data: typeof data; at: number }>({ data: undefined, at: 0 });
  if (answer.data !== data) setAnswer({ data, at: Date.now() });
  const actions = useAlertActions();

  const active = applyAlertPushes(data?.alerts.edges.map((edge) => edge.node) ?? [], answer.at, pushes);
  const firing = active.filter((alert) => alert.state === 'FIRING');
  const pendingAlerts = active.filter((alert) => alert.state === 'PENDING');
  const shownRules = new Set(active.map((alert) => alert.rule.id));
  const pendingRules = (data?.alertRules ?? []).filter((rule) => rule.state === 'PENDING' && !shownRules.has(rule.id));
  const count = firing.length + pendingAlerts.length + pendingRules.length;

  if (!data) {
    return error ? (
      <section className="alerts-strip alerts-strip--quiet" aria-label="Alerts">
        <p>Alerts are unavailable right now.</p>
      </section>
    ) : null;
  }

  return (
    <section className={`alerts-strip${count === 0 ? ' alerts-strip--quiet' : ''}`} aria-label="Alerts" data-testid="alerts-strip">
      {count === 0 ? (
        <p className="alerts-strip__quiet">
          <Icon name="healthy" size={15} />
          No alerts firing.
          <button type="button" className="link-button" onClick={onOpenRules}>
            Alert rules
          </button>
        </p>
      ) : (
        <ul className="alerts-strip__list">
          {firing.map((alert) => (
            <FiringAlert key={alert.id} alert={alert} now={now} actions={actions} />
          ))}
          {pendingAlerts.map((alert) => (
            <Pending key={alert.id} name={alert.rule.name} metric={alert.rule.metric} value={alert.value} forSeconds={alert.rule.forSeconds} since={alert.startedAt} now={now} />
          ))}
          {pendingRules.map((rule: AlertRule) => (
            <Pending key={rule.id} name={rule.name} metric={rule.metric} value={rule.value} forSeconds={rule.forSeconds} since={null} now={now} />
          ))}
        </ul>
      )}
      {actions.error ? (
        <p className="form-error" role="alert">
          {actions.error}
        </p>
      ) : null}
    </section>
  );
}

function FiringAlert({ alert, now, actions }: { alert: Alert; now: number; actions: Actions }) {
  const { rule } = alert;
  const threshold = alert.severity === 'CRITICAL' ? rule.critical : rule.warning;
  const silenced = isSilenced(rule, Math.max(now, Date.now()));
  return (
    <li className={`alert-item alert-item--${alert.severity.toLowerCase()}`} data-testid="firing-alert" data-alert-id={alert.id} data-severity={alert.severity}>
      <SeverityBadge state="FIRING" severity={alert.severity} />
      <div className="alert-item__text">
        <strong className="alert-item__name">{rule.name}</strong>
        <span className="alert-item__detail">
          <span data-testid="alert-value">{formatMetricValue(rule.metric, alert.value)}</span>
          {threshold !== null ? <span className="alert-item__threshold"> (threshold {formatMetricValue(rule.metric, threshold)})</span> : null}
          {' · since '}
          <RelativeTime iso={alert.startedAt} now={now} />
        </span>
        {alert.acknowledgedAt ? (
          <span className="alert-item__tag" data-testid="alert-acknowledged">
            <Icon name="check" size={12} /> Acknowledged{alert.acknowledgedBy ? ` by ${alert.acknowledgedBy.fullName}` : ''} <RelativeTime iso={alert.acknowledgedAt} now={now} />
          </span>
        ) : null}
        {silenced ? (
          <span className="alert-item__tag" data-testid="alert-silenced" title={rule.silenceReason ?? undefined}>
            Silenced until {formatTimestamp(rule.silencedUntil)}
            {rule.silenceReason ? ` — ${rule.silenceReason}` : ''}
          </span>
        ) : null}
        {alert.suppressedBy ? (
          <span className="alert-item__tag" data-testid="alert-suppressed">
            Suppressed by {alert.suppressedBy}: notifies no one
          </span>
        ) : null}
        {alert.escalatedAt ? (
          <span className="alert-item__tag alert-item__tag--escalated">
            Escalated <RelativeTime iso={alert.escalatedAt} now={now} />
          </span>
        ) : null}
      </div>
      <div className="alert-item__actions">
        {alert.acknowledgedAt ? null : (
          <button type="button" className="button button--small" disabled={actions.busy} onClick={() => void actions.acknowledge(alert.id)}>
            Acknowledge
          </button>
        )}
        {silenced ? (
          <button type="button" className="button button--ghost button--small" disabled={actions.busy} onClick={() => void actions.unsilence(rule.id)}>
            End silence
          </button>
        ) : (
          <SilenceMenu ruleName={rule.name} busy={actions.busy} onSilence={(until, reason) => actions.silence(rule.id, until, reason)} />
        )}
      </div>
    </li>
  );
}

interface PendingProps {
  name: string;
  metric: string;
  value: number | null;
  forSeconds: number;
  since: string | null;
  now: number;
}

function Pending({ name, metric, value, forSeconds, since, now }: PendingProps) {
  return (
    <li className="alert-item alert-item--pending" data-testid="pending-alert">
      <SeverityBadge state="PENDING" severity={null} />
      <div className="alert-item__text">
        <strong className="alert-item__name">{name}</strong>
        <span className="alert-item__detail">
          {formatMetricValue(metric, value)} · fires if it lasts {forSeconds} s
          {since ? (
            <>
              {' · breached '}
              <RelativeTime iso={since} now={now} />
            </>
          ) : null}
        </span>
      </div>
    </li>
  );
}
