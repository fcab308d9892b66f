import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { parseSilenceUntil, quickSilences, silenceEnd, toLocalInput } from '../silence-until';

interface SilenceMenuProps {
  /** What is silenced, for the labels ("Silence Consistency rate"). */
  ruleName: string;
  /** The button's text; "Silence" by default. */
  label?: string;
  busy: boolean;
  onSilence: (until: string, reason: string) => Promise<boolean>;
}

const defaultReason = 'Silenced from the dashboard';

/**
 * Silence for 15 min, 1 h, or until a chosen time, with a reason. A silenced alert still changes
 * state and shows here; it only notifies no one until the silence ends.
 */
export function SilenceMenu({ ruleName, label = 'Silence', busy, onSilence }: SilenceMenuProps) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState(defaultReason);
  const [until, setUntil] = useState(() => toLocalInput(Date.now() + 4 * 3_600_000));
  const [invalid, setInvalid] = useState<string | null>(null);
  const panelId = useId();
  const reasonId = useId();
  const untilId = useId();

  async function silence(end: string | null) {
    if (!reason.trim()) return setInvalid('Say why, for whoever looks next.');
    if (!end) return setInvalid('Pick a time in the future.');
    setInvalid(null);
    if (await onSilence(end, reason.trim())) setOpen(false);
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void silence(parseSilenceUntil(until, Date.now()));
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.stopPropagation();
      setOpen(false);
    }
  }

  return (
    <div className="silence-menu" onKeyDown={onKeyDown}>
      <button
        type="button"
        className="button button--ghost button--small"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={`Silence ${ruleName}`}
        onClick={() => setOpen((current) => !current)}
      >
        {label}
      </button>
      {open ? (
        <form id={panelId} className="silence-menu__panel" onSubmit={onSubmit} aria-label={`Silence ${ruleName}`}>
          <label className="field" htmlFor={reasonId}>
            <span className="field__label">Reason</span>
            <input id={reasonId} className="input" value={reason} maxLength={500} onChange={(event) => setReason(event.target.value)} />
          </label>
          <div className="silence-menu__quick">
            {quickSilences.map((quick) => (
              <button key={quick.minutes} type="button" className="button button--small" disabled={busy} onClick={() => void silence(silenceEnd(Date.now(), quick.minutes))}>
                For {quick.label}
              </button>
            ))}
          </div>
          <div className="silence-menu__until">
            <label className="field" htmlFor={untilId}>
              <span className="field__label">Until…</span>
              <input id={untilId} className="input" type="datetime-local" value={until} onChange={(event) => setUntil(event.target.value)} />
            </label>
            <button type="submit" className="button button--small button--primary" disabled={busy}>
              Silence until then
            </button>
          </div>
          {invalid ? (
            <p className="form-error" role="alert">
              {invalid}
            </p>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
