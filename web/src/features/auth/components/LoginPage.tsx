import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { Icon } from '../../../shared/components/Icon';
import { describeLoginError } from '../describe-login-error';
import { LoginMutation } from '../graphql/login.mutation';
import { useSession } from '../hooks/useSession';

/** The dashboard's first read: a role without it has nothing to see here. */
const DASHBOARD_READ = 'Query.healthStatus';

export function LoginPage() {
  const { signIn, notice } = useSession();
  const [{ fetching }, login] = useMutation(LoginMutation);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    // Credentials travel only in the POST body of the mutation, never in the URL.
    event.preventDefault();
    setError(null);
    const result = await login({ email: email.trim(), password });
    if (result.error || !result.data) {
      setError(result.error ? describeLoginError(result.error) : 'Sign-in failed. Try again.');
      return;
    }
    const { accessToken, expiresAt, user } = result.data.login;
    if (!user.permissions.includes(DASHBOARD_READ)) {
      setError('The health dashboard is for admins, operators and viewers only.');
      return;
    }
    setPassword('');
    signIn({ accessToken, expiresAt, user });
  }

  const message = error ?? notice;

  return (
    <main className="login" id="main">
      <div className="login__card">
        <div className="login__brand">
          <span className="brand-mark" aria-hidden="true">
            <Icon name="shield" size={18} />
          </span>
          <span className="brand-name">LevelSync</span>
        </div>
        <h1 className="login__title">Sign in to the health dashboard</h1>
        <p className="login__subtitle">Live integrity of student progress and licenses.</p>

        <div aria-live="assertive" className="login__message-slot">
          {message ? (
            <p className={`login__message ${error ? 'login__message--error' : 'login__message--notice'}`} role="alert">
              {message}
            </p>
          ) : null}
        </div>

        <form className="login__form" method="post" onSubmit={onSubmit} noValidate={false}>
          <label className="field">
            <span className="field__label">Email</span>
            <input
              className="input"
              type="email"
              name="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </label>
          <label className="field">
            <span className="field__label">Password</span>
            <input
              className="input"
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </label>
          <button className="button button--primary login__submit" type="submit" disabled={fetching}>
            {fetching ? <span className="spinner" aria-hidden="true" /> : null}
            {fetching ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
    </main>
  );
}
