import type { Role } from '../../../generated/graphql';
import { Icon } from '../../../shared/components/Icon';
import { dashboardRoles, roleLabel, type User } from '../user';

interface UserRowProps {
  user: User;
  isSelf: boolean;
  onChangeRole: (user: User, role: Role) => void;
  onSetActive: (user: User, isActive: boolean) => void;
  onResetPassword: (user: User) => void;
}

const selfDeactivation = 'You cannot deactivate your own account. Ask another admin.';

export function UserRow({ user, isSelf, onChangeRole, onSetActive, onResetPassword }: UserRowProps) {
  // Your own password is changed with the current one (the Password page), not reset.
  const resetRefusal = isSelf ? 'Change your own password on the Password page.' : user.isActive ? undefined : 'Reactivate the user first.';
  // INSTRUCTOR and STUDENT are not handed out here, but a user who has one still shows it.
  const roles = dashboardRoles.some((entry) => entry.role === user.role) ? dashboardRoles : [...dashboardRoles, { role: user.role, label: roleLabel(user.role), description: '' }];
  return (
    <tr className={`user-row ${user.isActive ? '' : 'user-row--inactive'}`} data-testid="user-row" data-user-id={user.id}>
      <td data-label="User">
        <span className="user-row__name">
          {user.fullName}
          {isSelf ? <span className="chip chip--accent">You</span> : null}
        </span>
        <span className="user-row__email">{user.email}</span>
      </td>
      <td data-label="Role">
        <select
          className="select select--compact"
          aria-label={`Role of ${user.fullName}`}
          value={user.role}
          onChange={(event) => onChangeRole(user, event.target.value as Role)}
        >
          {roles.map((entry) => (
            <option key={entry.role} value={entry.role} title={entry.description}>
              {entry.label}
            </option>
          ))}
        </select>
      </td>
      <td data-label="Status">
        <span className={`chip ${user.isActive ? 'chip--good' : ''}`}>{user.isActive ? 'Active' : 'Deactivated'}</span>
      </td>
      <td className="user-row__actions">
        <span title={resetRefusal}>
          <button type="button" className="button button--small button--ghost" onClick={() => onResetPassword(user)} disabled={resetRefusal !== undefined}>
            <Icon name="key" size={14} />
            Reset password
          </button>
        </span>
        {user.isActive ? (
          <span title={isSelf ? selfDeactivation : undefined}>
            <button type="button" className="button button--small button--ghost" onClick={() => onSetActive(user, false)} disabled={isSelf}>
              Deactivate
            </button>
          </span>
        ) : (
          <button type="button" className="button button--small" onClick={() => onSetActive(user, true)}>
            Reactivate
          </button>
        )}
      </td>
    </tr>
  );
}
