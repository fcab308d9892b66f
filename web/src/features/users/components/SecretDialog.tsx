import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { CopyButton } from '../../../shared/components/CopyButton';

interface SecretDialogProps {
  title: string;
  children: ReactNode;
  /** The one-time password or invitation link; the server never shows it again. */
  secret: string;
  secretLabel: string;
  onDone: () => void;
}

/** Shows a secret exactly once, with a copy button; closing it is the only action and loses the secret. */
export function SecretDialog({ title, children, secret, secretLabel, onDone }: SecretDialogProps) {
  const titleId = useId();
  const bodyId = useId();
  const fieldRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    fieldRef.current?.select();
    fieldRef.current?.focus();
    return () => opener?.focus();
  }, []);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onDone();
    }
  }

  return (
    <div className="dialog-backdrop">
      <div className="dialog secret-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={bodyId} onKeyDown={onKeyDown}>
        <h2 className="dialog__title" id={titleId}>
          {title}
        </h2>
        <div className="dialog__body" id={bodyId}>
          {children}
        </div>
        <label className="field secret-dialog__field">
          <span className="field__label">{secretLabel}</span>
          <span className="secret-dialog__value">
            <input ref={fieldRef} className="input mono" readOnly value={secret} data-testid="one-time-secret" onFocus={(event) => event.target.select()} />
            <CopyButton text={secret} what={secretLabel.toLowerCase()} />
          </span>
        </label>
        <p className="secret-dialog__warning">It is shown only this once. Hand it over on a channel you trust.</p>
        <div className="dialog__actions">
          <button type="button" className="button button--primary" onClick={onDone}>
            Done
          </button>
        </div>
      </div>
    </div>
  );
}
