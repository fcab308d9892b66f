import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { formatEnum } from '../../../shared/format/format-enum';
import { channelInput, channelKinds, emptyChannelForm, type ChannelForm } from '../channel-form';

interface ChannelCreateFormProps {
  creating: boolean;
  error: string | null;
  onCreate: (input: Exclude<ReturnType<typeof channelInput>, { invalid: string }>['input']) => Promise<boolean>;
}

/**
 * A new channel: the fields of its kind only. Secrets (webhook secret, Slack URL, routing key, SMTP
 * password) are write-only: typed here, sent once, never shown again — the API does not return them.
 */
export function ChannelCreateForm({ creating, error, onCreate }: ChannelCreateFormProps) {
  const [form, setForm] = useState<ChannelForm>(emptyChannelForm);
  const [invalid, setInvalid] = useState<string | null>(null);
  const id = useId();
  const set = (patch: Partial<ChannelForm>) => setForm((current) => ({ ...current, ...patch }));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const result = channelInput(form);
    if ('invalid' in result) return setInvalid(result.invalid);
    setInvalid(null);
    if (await onCreate(result.input)) setForm({ ...emptyChannelForm, kind: form.kind });
  }

  const field = (name: keyof ChannelForm, label: string, extra: { type?: string; placeholder?: string; secret?: boolean } = {}): ReactNode => (
    <label className="field" htmlFor={`${id}-${name}`}>
      <span className="field__label">
        {label}
        {extra.secret ? <span className="field__hint"> · write-only</span> : null}
      </span>
      <input
        id={`${id}-${name}`}
        className="input"
        type={extra.secret ? 'password' : (extra.type ?? 'text')}
        autoComplete={extra.secret ? 'new-password' : 'off'}
        placeholder={extra.placeholder}
        value={form[name] as string}
        onChange={(event) => set({ [name]: event.target.value } as Partial<ChannelForm>)}
      />
    </label>
  );

  return (
    <form className="channel-form" onSubmit={onSubmit} aria-label="New channel" data-testid="channel-form">
      <div className="channel-form__fields">
        {field('name', 'Name', { placeholder: 'On-call webhook' })}
        <label className="field" htmlFor={`${id}-kind`}>
          <span className="field__label">Kind</span>
          <select id={`${id}-kind`} className="select" value={form.kind} onChange={(event) => set({ kind: event.target.value as ChannelForm['kind'] })}>
            {channelKinds.map((kind) => (
              <option key={kind} value={kind}>
                {kind === 'PAGERDUTY' ? 'PagerDuty' : formatEnum(kind)}
              </option>
            ))}
          </select>
        </label>
        {form.kind === 'WEBHOOK' ? (
          <>
            {field('url', 'URL', { type: 'url', placeholder: 'https://example.com/hooks/levelsync' })}
            {field('secret', 'Signing secret', { secret: true, placeholder: 'whsec_…' })}
          </>
        ) : null}
        {form.kind === 'SLACK' ? field('url', 'Incoming webhook URL', { secret: true }) : null}
        {form.kind === 'PAGERDUTY' ? (
          <>
            {field('routingKey', 'Routing key', { secret: true })}
            {field('url', 'Events API URL (optional)', { type: 'url', placeholder: 'https://events.pagerduty.com/v2/enqueue' })}
          </>
        ) : null}
        {form.kind === 'EMAIL' ? (
          <>
            {field('smtpHost', 'SMTP host')}
            {field('smtpPort', 'Port', { type: 'number' })}
            <label className="checkbox">
              <input type="checkbox" checked={form.smtpSecure} onChange={(event) => set({ smtpSecure: event.target.checked })} />
              TLS
            </label>
            {field('smtpUser', 'User')}
            {field('smtpPassword', 'Password', { secret: true })}
            {field('from', 'From', { type: 'email' })}
            {field('to', 'To (comma-separated)')}
          </>
        ) : null}
      </div>
      {invalid || error ? (
        <p className="form-error" role="alert">
          {invalid ?? error}
        </p>
      ) : null}
      <div className="channel-form__actions">
        <button type="submit" className="button button--primary button--small" disabled={creating}>
          {creating ? 'Adding…' : 'Add channel'}
        </button>
      </div>
    </form>
  );
}
