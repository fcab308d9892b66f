import { Icon } from '../../../shared/components/Icon';
import { useSignOut } from '../hooks/useSignOut';
import { ChangePasswordPage } from './ChangePasswordPage';

/** After a sign-in with a one-time password: the user's own password first, then the dashboard. */
export function FirstPasswordPage() {
  const signOut = useSignOut();
  return (
    <main className="login" id="main">
      <div className="first-password">
        <div className="login__brand">
          <span className="brand-mark" aria-hidden="true">
            <Icon name="shield" size={18} />
          </span>
          <span className="brand-name">LevelSync</span>
        </div>
        <h1 className="visually-hidden">Choose your password</h1>
        <ChangePasswordPage forced />
        <button type="button" className="button button--ghost button--small first-password__signout" onClick={() => void signOut()}>
          <Icon name="logOut" size={14} />
          Sign out
        </button>
      </div>
    </main>
  );
}
