import { useId, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { Panel } from '../../../shared/components/Panel';
import { checkNewPassword, describePasswordError, minPasswordLength } from '../describe-password-error';
import { ChangePasswordMutation } from '../graphql/change-password.mutation';
import { useSession } from '../hooks/useSession';

interface ChangePasswordPageProps {
  /** Signed in with a one-time password: the dashboard opens only once a new one is set. */
  forced?: boolean;
}

/**
 * Every signed-in user's own password, the current one required. The server keeps this session and
 * ends none of the others' tokens; a one-time password's hold on the account ends with it.
 */
export function ChangePasswordPage({ forced = false }: ChangePasswordPageProps) {
  const { session, signIn } = useSession();
  const [{ fetching: busy }, changePassword] = useMutation(ChangePasswordMutation);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeated, setRepeated] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const newPasswordId = useId();
  const hintId = useId();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setDone(false);
    const problem = checkNewPassword(current, next, repeated);
    if (problem) {
      setError(problem);
      return;
    }
    const result = await changePassword({ currentPassword: current, newPassword: next });
    if (result.error || !result.data?.changePassword) {
      setError(result.error ? describePasswordError(result.error) : 'Your password could not be changed. Try again.');
      return;
    }
    setCurrent('');
    setNext('');
    setRepeated('');
    setDone(true);
    // The session carries on; the server no longer holds it to the password screen.
    if (session?.user.mustChangePassword) signIn({ ...session, user: { ...session.user, mustChangePassword: false } });
  }

  return (
    <Panel title={forced ? 'Choose your own password' : 'Change password'} id="password-title" className="password-panel">
      <p className="page-intro">
        {forced
          ? 'You signed in with a one-time password. Choose a password of your own to open the dashboard.'
          : `Signed in as ${session?.user.email ?? ''}.`}
      </p>
      <div aria-live="polite" className="password-form__message">
        {error ? (
          <p className="form-message form-message--error" role="alert">
            {error}
          </p>
        ) : done ? (
          <p className="form-message form-message--done" role="status">
            Your password has been changed.
          </p>
        ) : null}
      </div>
      <form className="password-form" method="post" noValidate onSubmit={(event) => void onSubmit(event)}>
        {/* For password managers: the account this password belongs to. */}
        <input type="email" name="username" autoComplete="username" value={session?.user.email ?? ''} readOnly hidden />
        <label className="field">
          <span className="field__label">{forced ? 'One-time password' : 'Current password'}</span>
          <input className="input" type="password" name="currentPassword" autoComplete="current-password" required value={current} onChange={(event) => setCurrent(event.target.value)} />
        </label>
        <div className="field">
          <label className="field__label" htmlFor={newPasswordId}>
            New password
          </label>
          <input
            id={newPasswordId}
            className="input"
            type="password"
            name="newPassword"
            autoComplete="new-password"
            required
            minLength={minPasswordLength}
            maxLength={256}
            aria-describedby={hintId}
            value={next}
            onChange={(event) => setNext(event.target.value)}
          />
          <span className="field__hint" id={hintId}>
            At least {minPasswordLength} characters, not a commonly used password.
          </span>
        </div>
        <label className="field">
          <span className="field__label">Confirm the password</span>
          <input className="input" type="password" name="repeatPassword" autoComplete="new-password" required value={repeated} onChange={(event) => setRepeated(event.target.value)} />
        </label>
        <button className="button button--primary" type="submit" disabled={busy}>
          {busy ? <span className="spinner" aria-hidden="true" /> : null}
          {busy ? 'Changing…' : 'Change password'}
        </button>
      </form>
    </Panel>
  );
}
