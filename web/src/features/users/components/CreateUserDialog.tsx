import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import type { Role } from '../../../generated/graphql';
import { describeUserError } from '../describe-user-error';
import { InviteUserMutation } from '../graphql/invite-user.mutation';
import { dashboardRoles, type User } from '../user';
import { SecretDialog } from './SecretDialog';

interface CreateUserDialogProps {
  onClose: () => void;
  onCreated: () => void;
}

/** Creates a user with a one-time initial password (made by the server), then shows that password once. */
export function CreateUserDialog({ onClose, onCreated }: CreateUserDialogProps) {
  const titleId = useId();
  const firstField = useRef<HTMLInputElement>(null);
  const [{ fetching }, inviteUser] = useMutation(InviteUserMutation);
  const [email, setEmail] = useState('');
  const [fullName, setFullName] = useState('');
  const [role, setRole] = useState<Role>('VIEWER');
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ user: User; password: string } | null>(null);

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    firstField.current?.focus();
    return () => opener?.focus();
  }, []);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const result = await inviteUser({ input: { email: email.trim(), fullName: fullName.trim(), role } });
    if (result.error || !result.data) {
      setError(result.error ? describeUserError(result.error, 'create the user') : 'The user was not created. Try again.');
      return;
    }
    setCreated({ user: result.data.inviteUser.user, password: result.data.inviteUser.initialPassword });
    onCreated();
  }

  if (created) {
    return (
      <SecretDialog title={`${created.user.fullName} can sign in`} secret={created.password} secretLabel="One-time password" onDone={onClose}>
        <p>
          Give this password to <strong>{created.user.email}</strong> with the dashboard&apos;s address. They choose their own password when they first sign in with it.
        </p>
      </SecretDialog>
    );
  }

  return (
    <div className="dialog-backdrop" onMouseDown={(event) => event.target === event.currentTarget && !fetching && onClose()}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && !fetching) {
            event.stopPropagation();
            onClose();
          }
        }}
      >
        <h2 className="dialog__title" id={titleId}>
          Add a user
        </h2>
        <form className="dialog__form" onSubmit={(event) => void onSubmit(event)}>
          <label className="field">
            <span className="field__label">Email</span>
            <input ref={firstField} className="input" type="email" name="email" autoComplete="off" required maxLength={254} value={email} onChange={(event) => setEmail(event.target.value)} />
          </label>
          <label className="field">
            <span className="field__label">Full name</span>
            <input className="input" type="text" name="fullName" autoComplete="off" required maxLength={200} value={fullName} onChange={(event) => setFullName(event.target.value)} />
          </label>
          <fieldset className="role-choice">
            <legend className="field__label">Role</legend>
            {dashboardRoles.map((entry) => (
              <label key={entry.role} className="role-choice__option">
                <input type="radio" name="role" value={entry.role} checked={role === entry.role} onChange={() => setRole(entry.role)} />
                <span>
                  <span className="role-choice__label">{entry.label}</span>
                  <span className="role-choice__description">{entry.description}</span>
                </span>
              </label>
            ))}
          </fieldset>
          {error ? (
            <p className="dialog__error" role="alert">
              {error}
            </p>
          ) : null}
          <div className="dialog__actions">
            <button type="button" className="button button--ghost" onClick={onClose} disabled={fetching}>
              Cancel
            </button>
            <button type="submit" className="button button--primary" disabled={fetching}>
              {fetching ? <span className="spinner" aria-hidden="true" /> : null}
              {fetching ? 'Creating…' : 'Create user'}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
