import { useEffect, useState } from 'react';
import { ConfirmDialog } from '../../../shared/components/ConfirmDialog';
import { Icon } from '../../../shared/components/Icon';
import { Pagination } from '../../../shared/components/Pagination';
import { Panel } from '../../../shared/components/Panel';
import { formatNumber } from '../../../shared/format/format-number';
import { useSession } from '../../auth/hooks/useSession';
import { describeChange, useUserActions } from '../hooks/useUserActions';
import { usersPageSize, useUsers } from '../hooks/useUsers';
import { ChangeDetails } from './ChangeDetails';
import { CreateUserDialog } from './CreateUserDialog';
import { SecretDialog } from './SecretDialog';
import { UserRow } from './UserRow';
import type { User } from '../user';

const searchDelayMs = 300;

/** Admins: who can use the dashboard, with what role, and the changes an admin makes to them. */
export function UsersPage() {
  const { session } = useSession();
  const list = useUsers();
  // What a change answered, shown until the reloaded list (which has it too) is in.
  const [answered, setAnswered] = useState<ReadonlyMap<string, User>>(new Map());
  const actions = useUserActions((updated) => {
    if (updated) setAnswered((current) => new Map(current).set(updated.id, updated));
    list.reload();
  });
  useEffect(() => setAnswered(new Map()), [list.users]);
  const users = list.users.map((user) => answered.get(user.id) ?? user);
  const [search, setSearch] = useState(list.search);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    if (search === list.search) return;
    const timer = window.setTimeout(() => list.setSearch(search), searchDelayMs);
    return () => window.clearTimeout(timer);
  }, [search, list]);

  const pending = actions.pending;
  const copy = pending ? describeChange(pending) : null;

  return (
    <Panel
      title="Users"
      id="users-title"
      className="users-panel"
      actions={
        <button type="button" className="button button--primary button--small" onClick={() => setCreating(true)}>
          <Icon name="userPlus" size={14} />
          Add user
        </button>
      }
    >
      <form className="users-search" role="search" aria-label="Search users" onSubmit={(event) => event.preventDefault()}>
        <label className="field">
          <span className="field__label">Search</span>
          <span className="input-with-icon">
            <Icon name="search" size={14} />
            <input className="input" type="search" name="search" placeholder="Name or email" autoComplete="off" maxLength={200} value={search} onChange={(event) => setSearch(event.target.value)} />
          </span>
        </label>
      </form>
      <p className="page-intro" role="status" aria-live="polite" data-testid="users-count">
        {list.loaded ? `${formatNumber(list.totalCount)} user${list.totalCount === 1 ? '' : 's'}${list.search.trim() ? ' matching the search' : ''}` : 'Loading users…'}
      </p>
      {list.error && !list.loaded ? (
        <p className="panel-empty">Users are unavailable right now.</p>
      ) : list.loaded && list.users.length === 0 ? (
        <p className="panel-empty">No user matches this search.</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table users-table">
            <caption className="visually-hidden">Users of the dashboard</caption>
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <UserRow
                  key={user.id}
                  user={user}
                  isSelf={user.id === session?.user.id}
                  onChangeRole={(target, role) => actions.ask({ kind: 'role', user: target, role })}
                  onSetActive={(target, isActive) => actions.ask({ kind: 'active', user: target, isActive })}
                  onResetPassword={(target) => actions.ask({ kind: 'reset', user: target })}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.loaded && (list.hasNext || list.hasPrevious) ? (
        <Pagination
          label="Users pages"
          page={list.page}
          pageSize={usersPageSize}
          shown={list.users.length}
          totalCount={list.totalCount}
          hasPrevious={list.hasPrevious}
          hasNext={list.hasNext}
          onPrevious={list.previous}
          onNext={list.next}
        />
      ) : null}
      {pending && copy ? (
        <ConfirmDialog title={copy.title} confirmLabel={copy.confirm} busyLabel={copy.busy} busy={actions.busy} error={actions.error} onConfirm={() => void actions.confirm()} onCancel={actions.cancel}>
          <ChangeDetails change={pending} isSelf={pending.user.id === session?.user.id} />
        </ConfirmDialog>
      ) : null}
      {actions.issued ? (
        <SecretDialog title={`New password for ${actions.issued.user.fullName}`} secret={actions.issued.password} secretLabel="One-time password" onDone={actions.forgetIssued}>
          <p>
            Give this password to <strong>{actions.issued.user.email}</strong>. They choose a new one when they sign in with it.
          </p>
        </SecretDialog>
      ) : null}
      {creating ? <CreateUserDialog onClose={() => setCreating(false)} onCreated={list.reload} /> : null}
    </Panel>
  );
}
