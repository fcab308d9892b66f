import { useState } from 'react';
import { useMutation } from 'urql';
import type { Role } from '../../../generated/graphql';
import { describeUserError } from '../describe-user-error';
import { ResetPasswordMutation } from '../graphql/reset-password.mutation';
import { UpdateUserMutation } from '../graphql/update-user.mutation';
import { roleWithArticle, type User } from '../user';

/** A change waiting for the admin's confirmation. */
export type PendingChange = { kind: 'role'; user: User; role: Role } | { kind: 'active'; user: User; isActive: boolean } | { kind: 'reset'; user: User };

export interface IssuedSecret {
  user: User;
  password: string;
}

export function describeChange(change: PendingChange): { title: string; confirm: string; busy: string; what: string } {
  switch (change.kind) {
    case 'role':
      return { title: `Make ${change.user.fullName} ${roleWithArticle(change.role)}?`, confirm: 'Change role', busy: 'Changing…', what: 'change the role' };
    case 'active':
      return change.isActive
        ? { title: `Reactivate ${change.user.fullName}?`, confirm: 'Reactivate', busy: 'Reactivating…', what: 'reactivate the user' }
        : { title: `Deactivate ${change.user.fullName}?`, confirm: 'Deactivate', busy: 'Deactivating…', what: 'deactivate the user' };
    case 'reset':
      return { title: `Reset the password of ${change.user.fullName}?`, confirm: 'Reset password', busy: 'Resetting…', what: 'reset the password' };
  }
}

/**
 * The admin's changes to one user at a time: confirm, send, and on success hand over the user as
 * the server now has it (shown at once) and reload the list. A reset password comes back once as
 * `issued`, to be shown and then forgotten.
 */
export function useUserActions(onChanged: (updated: User | null) => void) {
  const [pending, setPending] = useState<PendingChange | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [issued, setIssued] = useState<IssuedSecret | null>(null);
  const [{ fetching: updating }, updateUser] = useMutation(UpdateUserMutation);
  const [{ fetching: resetting }, resetPassword] = useMutation(ResetPasswordMutation);

  async function confirm() {
    if (!pending) return;
    setError(null);
    if (pending.kind === 'reset') {
      const result = await resetPassword({ userId: pending.user.id });
      if (result.error || result.data === undefined) {
        setError(result.error ? describeUserError(result.error, describeChange(pending).what) : 'The password was not reset. Try again.');
        return;
      }
      setIssued({ user: pending.user, password: result.data.resetPassword });
      setPending(null);
      onChanged(null);
      return;
    }
    const input = pending.kind === 'role' ? { role: pending.role } : { isActive: pending.isActive };
    const result = await updateUser({ id: pending.user.id, input });
    if (result.error || !result.data) {
      setError(result.error ? describeUserError(result.error, describeChange(pending).what) : 'The change was not saved. Try again.');
      return;
    }
    setPending(null);
    onChanged(result.data.updateUser);
  }

  return {
    pending,
    ask: (change: PendingChange) => {
      setError(null);
      setPending(change);
    },
    cancel: () => {
      setError(null);
      setPending(null);
    },
    confirm,
    busy: updating || resetting,
    error,
    issued,
    forgetIssued: () => setIssued(null),
  };
}
