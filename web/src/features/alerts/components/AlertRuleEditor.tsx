import { useId, useState, type FormEvent } from 'react';
import type { AlertRule, NotificationChannel } from '../alert';
import { formatMetricValue } from '../alert-metric';
import { useSaveAlertRule } from '../hooks/useSaveAlertRule';
import { ruleForm, ruleInput, type RuleForm } from '../rule-form';

interface AlertRuleEditorProps {
  rule: AlertRule;
  channels: readonly NotificationChannel[];
  onDone: () => void;
}

/** Thresholds, pending time, enabled flag and channels of one rule. */
export function AlertRuleEditor({ rule, channels, onDone }: AlertRuleEditorProps) {
  const [form, setForm] = useState<RuleForm>(() => ruleForm(rule));
  const [invalid, setInvalid] = useState<string | null>(null);
  const { save, saving, error } = useSaveAlertRule();
  const id = useId();
  const set = (patch: Partial<RuleForm>) => setForm((current) => ({ ...current, ...patch }));
  const hint = (text: string) => {
    const value = Number(text);
    return text.trim() !== '' && Number.isFinite(value) ? formatMetricValue(rule.metric, value) : 'none';
  };

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const result = ruleInput(rule, form);
    if ('invalid' in result) return setInvalid(result.invalid);
    setInvalid(null);
    if (await save(rule.id, result.input)) onDone();
  }

  return (
    <form className="rule-editor" onSubmit={onSubmit} aria-label={`Edit ${rule.name}`}>
      <div className="rule-editor__fields">
        <label className="field" htmlFor={`${id}-warning`}>
          <span className="field__label">Warning</span>
          <input id={`${id}-warning`} className="input" inputMode="decimal" value={form.warning} onChange={(event) => set({ warning: event.target.value })} />
          <span className="field__hint">{hint(form.warning)}</span>
        </label>
        <label className="field" htmlFor={`${id}-critical`}>
          <span className="field__label">Critical</span>
          <input id={`${id}-critical`} className="input" inputMode="decimal" value={form.critical} onChange={(event) => set({ critical: event.target.value })} />
          <span className="field__hint">{hint(form.critical)}</span>
        </label>
        <label className="field" htmlFor={`${id}-margin`}>
          <span className="field__label">Recovery margin</span>
          <input id={`${id}-margin`} className="input" inputMode="decimal" value={form.recoveryMargin} onChange={(event) => set({ recoveryMargin: event.target.value })} />
          <span className="field__hint">resolves {form.recoveryMargin || 0} past the threshold</span>
        </label>
        <label className="field" htmlFor={`${id}-for`}>
          <span className="field__label">Pending time (s)</span>
          <input id={`${id}-for`} className="input" inputMode="numeric" value={form.forSeconds} onChange={(event) => set({ forSeconds: event.target.value })} />
        </label>
        <label className="field" htmlFor={`${id}-repeat`}>
          <span className="field__label">Repeat every (s)</span>
          <input id={`${id}-repeat`} className="input" inputMode="numeric" value={form.repeatIntervalSeconds} onChange={(event) => set({ repeatIntervalSeconds: event.target.value })} />
          <span className="field__hint">0: no reminders</span>
        </label>
        <label className="field" htmlFor={`${id}-escalation`}>
          <span className="field__label">Escalate to</span>
          <select id={`${id}-escalation`} className="select" value={form.escalationChannelId} onChange={(event) => set({ escalationChannelId: event.target.value })}>
            <option value="">No escalation</option>
            {channels.map((channel) => (
              <option key={channel.id} value={channel.id}>
                {channel.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field" htmlFor={`${id}-escalate-after`}>
          <span className="field__label">if unacknowledged for (s)</span>
          <input
            id={`${id}-escalate-after`}
            className="input"
            inputMode="numeric"
            disabled={form.escalationChannelId === ''}
            value={form.escalateAfterSeconds}
            onChange={(event) => set({ escalateAfterSeconds: event.target.value })}
          />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={form.enabled} onChange={(event) => set({ enabled: event.target.checked })} />
          Enabled
        </label>
      </div>
      <fieldset className="rule-editor__channels">
        <legend className="field__label">Notify</legend>
        {channels.length === 0 ? <p className="field__hint">No channels yet: add one under Channels.</p> : null}
        {channels.length > 0 && form.channelIds.length === 0 ? <p className="field__hint">None ticked: every enabled channel.</p> : null}
        {channels.map((channel) => (
          <label key={channel.id} className="checkbox">
            <input
              type="checkbox"
              checked={form.channelIds.includes(channel.id)}
              onChange={(event) =>
                set({ channelIds: event.target.checked ? [...form.channelIds, channel.id] : form.channelIds.filter((other) => other !== channel.id) })
              }
            />
            {channel.name} <span className="kind-chip">{channel.kind}</span>
          </label>
        ))}
      </fieldset>
      {invalid || error ? (
        <p className="form-error" role="alert">
          {invalid ?? error}
        </p>
      ) : null}
      <div className="rule-editor__actions">
        <button type="button" className="button button--ghost button--small" onClick={onDone} disabled={saving}>
          Cancel
        </button>
        <button type="submit" className="button button--primary button--small" disabled={saving}>
          {saving ? 'Saving…' : 'Save rule'}
        </button>
      </div>
    </form>
  );
}
