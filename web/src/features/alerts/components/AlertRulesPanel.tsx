import { Fragment, useState } from 'react';
import { Panel } from '../../../shared/components/Panel';
import { formatDuration } from '../../../shared/format/format-duration';
import { formatTimestamp } from '../../../shared/format/format-relative-time';
import { afterAlertChanges } from '../../connection/refresh-bus';
import { useLiveQuery } from '../../connection/hooks/useLiveQuery';
import { isSilenced, type AlertRule, type NotificationChannel } from '../alert';
import { formatMetricValue, metricLook } from '../alert-metric';
import { AlertRulesQuery } from '../graphql/alert-rules.query';
import { useAlertActions } from '../hooks/useAlertActions';
import { AlertRuleEditor } from './AlertRuleEditor';
import { AlertRuleHistory } from './AlertRuleHistory';
import { SeverityBadge } from './SeverityBadge';
import { SilenceMenu } from './SilenceMenu';

type Open = { ruleId: string; view: 'edit' | 'history' } | null;

/** Every rule with its live state and value; a row opens its editor or its history in place. */
export function AlertRulesPanel({ now }: { now: number }) {
  const [{ data, error }] = useLiveQuery({ query: AlertRulesQuery }, { refreshOn: afterAlertChanges });
  const [open, setOpen] = useState<Open>(null);
  const actions = useAlertActions();
  const rules = data?.alertRules ?? [];
  const toggle = (ruleId: string, view: 'edit' | 'history') => setOpen(open?.ruleId === ruleId && open.view === view ? null : { ruleId, view });

  return (
    <Panel
      title="Alert rules"
      id="alert-rules-title"
      className="alert-rules-panel"
      actions={<SilenceMenu ruleName="every rule" label="Silence all" busy={actions.busy} onSilence={actions.silenceAll} />}
    >
      {actions.error ? (
        <p className="form-error" role="alert">
          {actions.error}
        </p>
      ) : null}
      {error && !data ? (
        <p className="panel-empty">The alert rules are unavailable right now.</p>
      ) : !data ? (
        <p className="panel-empty">Loading the alert rules…</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table" data-testid="alert-rules">
            <thead>
              <tr>
                <th scope="col">State</th>
                <th scope="col">Rule</th>
                <th scope="col" className="numeric">
                  Value
                </th>
                <th scope="col" className="numeric">
                  Warning
                </th>
                <th scope="col" className="numeric">
                  Critical
                </th>
                <th scope="col" className="numeric">
                  Pending
                </th>
                <th scope="col">Channels</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rules.map((rule) => (
                <Fragment key={rule.id}>
                  <RuleRow rule={rule} now={now} open={open?.ruleId === rule.id ? open.view : null} onToggle={(view) => toggle(rule.id, view)} actions={actions} />
                  {open?.ruleId === rule.id ? (
                    <tr className="data-table__editor">
                      <td colSpan={8}>
                        {open.view === 'edit' ? (
                          <AlertRuleEditor rule={rule} channels={data.notificationChannels} onDone={() => setOpen(null)} />
                        ) : (
                          <AlertRuleHistory ruleId={rule.id} metric={rule.metric} now={now} />
                        )}
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

interface RuleRowProps {
  rule: AlertRule;
  now: number;
  open: 'edit' | 'history' | null;
  onToggle: (view: 'edit' | 'history') => void;
  actions: ReturnType<typeof useAlertActions>;
}

function RuleRow({ rule, now, open, onToggle, actions }: RuleRowProps) {
  const silenced = isSilenced(rule, Math.max(now, Date.now()));
  return (
    <tr className={rule.enabled ? undefined : 'data-table__row--muted'} data-rule-id={rule.id} data-metric={rule.metric}>
      <td>{rule.enabled ? <SeverityBadge state={rule.state} severity={rule.severity} /> : <span className="kind-chip">Disabled</span>}</td>
      <td>
        <span className="data-table__name">{rule.name}</span>
        <span className="data-table__sub">{ruleDetails(rule)}</span>
        {silenced ? (
          <span className="data-table__sub" data-testid="rule-silenced">
            Silenced until {formatTimestamp(rule.silencedUntil)}
            {rule.silenceReason ? ` — ${rule.silenceReason}` : ''}
          </span>
        ) : null}
      </td>
      <td className="numeric">{formatMetricValue(rule.metric, rule.value)}</td>
      <td className="numeric">{formatMetricValue(rule.metric, rule.warning)}</td>
      <td className="numeric">{formatMetricValue(rule.metric, rule.critical)}</td>
      <td className="numeric">{rule.forSeconds === 0 ? 'at once' : formatDuration(rule.forSeconds * 1000)}</td>
      <td>
        <ChannelNames channels={rule.channels} />
      </td>
      <td className="data-table__action">
        <div className="data-table__buttons">
          {silenced ? (
            <button type="button" className="button button--ghost button--small" disabled={actions.busy} onClick={() => void actions.unsilence(rule.id)}>
              End silence
            </button>
          ) : (
            <SilenceMenu ruleName={rule.name} busy={actions.busy} onSilence={(until, reason) => actions.silence(rule.id, until, reason)} />
          )}
          <button type="button" className="button button--ghost button--small" aria-expanded={open === 'history'} aria-label={`History of ${rule.name}`} onClick={() => onToggle('history')}>
            History
          </button>
          <button type="button" className="button button--ghost button--small" aria-expanded={open === 'edit'} aria-label={`Edit ${rule.name}`} onClick={() => onToggle('edit')}>
            Edit
          </button>
        </div>
      </td>
    </tr>
  );
}

/** What the row's second line says: the metric (when the name does not), margin, reminders, escalation. */
function ruleDetails(rule: AlertRule): string {
  const label = metricLook(rule.metric).label;
  return [
    label === rule.name ? null : label,
    rule.recoveryMargin ? `margin ${formatMetricValue(rule.metric, rule.recoveryMargin)}` : null,
    rule.repeatIntervalSeconds ? `reminds every ${formatDuration(rule.repeatIntervalSeconds * 1000)}` : null,
    rule.escalationChannel ? `escalates to ${rule.escalationChannel.name} after ${formatDuration((rule.escalateAfterSeconds ?? 0) * 1000)}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

function ChannelNames({ channels }: { channels: ReadonlyArray<Pick<NotificationChannel, 'id' | 'name'>> }) {
  return channels.length === 0 ? <span className="data-table__sub">every enabled channel</span> : <>{channels.map((channel) => channel.name).join(', ')}</>;
}
