import type { PendingChange } from '../hooks/useUserActions';
import { dashboardRoles, roleWithArticle } from '../user';

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** What a confirmed change will do, in the dialog's body. */
export function ChangeDetails({ change, isSelf }: { change: PendingChange; isSelf: boolean }) {
  const { user } = change;
  switch (change.kind) {
    case 'role':
      return (
        <p>
          <strong>{user.email}</strong> becomes {roleWithArticle(change.role)}: {lowerFirst(dashboardRoles.find((entry) => entry.role === change.role)?.description ?? '')} {isSelf ? 'You are signed out now and sign in again.' : 'Their open sessions end now and they sign in again.'}
        </p>
      );
    case 'active':
      return change.isActive ? (
        <p>
          <strong>{user.email}</strong> can sign in again with their password.
        </p>
      ) : (
        <p>
          <strong>{user.email}</strong> is signed out everywhere within seconds and cannot sign in until reactivated. Nothing they did is removed.
        </p>
      );
    case 'reset':
      return (
        <p>
          The current password of <strong>{user.email}</strong> stops working and their open sessions end. You will see a one-time password to hand over; they choose a new one when they
          sign in with it.
        </p>
      );
  }
}
