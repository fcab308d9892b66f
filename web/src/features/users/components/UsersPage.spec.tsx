import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { createFakeApi, ok, renderWithApi, type FakeResponse } from '../../../test/fake-api';
import { aSession, aUser } from '../../../test/factories';
import { SessionProvider } from '../../auth/components/SessionProvider';
import { saveSession } from '../../auth/session';
import type { User } from '../user';
import { UsersPage } from './UsersPage';

const ada = aUser({ id: '1', fullName: 'Ada Admin', email: 'ada@levelsync.test', role: 'ADMIN' });
const vic = aUser({ id: '2', fullName: 'Vic Viewer', email: 'vic@levelsync.test', role: 'VIEWER' });

function page(users: User[], hasNextPage = false) {
  return ok({ users: { totalCount: users.length, pageInfo: { hasNextPage, endCursor: hasNextPage ? 'cursor-1' : null }, edges: users.map((node) => ({ node })) } });
}

function refused(code: string, reason: string, message: string): FakeResponse {
  return { body: { data: null, errors: [{ message, extensions: { code, reason } }] } };
}

function renderPage(answer: Parameters<typeof createFakeApi>[0]) {
  const api = createFakeApi(answer);
  renderWithApi(
    <SessionProvider>
      <UsersPage />
    </SessionProvider>,
    api,
  );
  return api;
}

beforeEach(() => {
  saveSession(aSession({ id: '1', email: ada.email, fullName: ada.fullName }));
});

describe('UsersPage', () => {
  it('lists users, marks the admin themself, who cannot deactivate or reset themself', async () => {
    renderPage(() => page([ada, vic]));
    const rows = await screen.findAllByTestId('user-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText('You')).toBeTruthy();
    expect((within(rows[0]!).getByRole('button', { name: 'Deactivate' }) as HTMLButtonElement).disabled).toBe(true);
    expect((within(rows[1]!).getByRole('button', { name: 'Deactivate' }) as HTMLButtonElement).disabled).toBe(false);
    // Their own password is changed with the current one, on the Password page.
    expect((within(rows[0]!).getByRole('button', { name: 'Reset password' }) as HTMLButtonElement).disabled).toBe(true);
    expect((within(rows[1]!).getByRole('button', { name: 'Reset password' }) as HTMLButtonElement).disabled).toBe(false);
    expect(screen.getByTestId('users-count').textContent).toBe('2 users');
  });

  it('searches once typing pauses, from the first page', async () => {
    const api = renderPage((_operation, variables) => page(variables.search ? [vic] : [ada, vic]));
    await screen.findAllByTestId('user-row');
    await userEvent.setup().type(screen.getByRole('searchbox'), 'vic');
    await waitFor(() => expect(screen.getAllByTestId('user-row')).toHaveLength(1));
    expect(api.callsTo('Users').at(-1)?.variables).toEqual({ first: 25, after: null, search: 'vic' });
  });

  it('changes a role after confirmation, showing the answer before the list is reloaded', async () => {
    let updated = false;
    const api = renderPage((operation, variables) => {
      if (operation === 'UpdateUser') {
        updated = true;
        return ok({ updateUser: { ...vic, role: (variables.input as { role: User['role'] }).role } });
      }
      // The reload after the change never answers here: the row must not wait for it.
      return updated ? new Promise(() => undefined) : page([ada, vic]);
    });
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Role of Vic Viewer' }), 'OPERATOR');
    const dialog = screen.getByRole('dialog', { name: 'Make Vic Viewer an operator?' });
    await user.click(within(dialog).getByRole('button', { name: 'Change role' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect((screen.getByRole('combobox', { name: 'Role of Vic Viewer' }) as HTMLSelectElement).value).toBe('OPERATOR');
    expect(api.callsTo('UpdateUser')[0]!.variables).toEqual({ id: '2', input: { role: 'OPERATOR' } });
    await waitFor(() => expect(api.callsTo('Users')).toHaveLength(2));
  });

  it('says plainly when the last admin would lose the role, and changes nothing on screen', async () => {
    renderPage((operation) => (operation === 'UpdateUser' ? refused('CONFLICT', 'LAST_ACTIVE_ADMIN', 'This is the last active admin: make another admin first') : page([ada, vic])));
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Role of Ada Admin' }), 'VIEWER');
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Change role' }));
    expect((await within(screen.getByRole('dialog')).findByRole('alert')).textContent).toBe('This is the last active admin. Make another user an admin first.');
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    expect((screen.getByRole('combobox', { name: 'Role of Ada Admin' }) as HTMLSelectElement).value).toBe('ADMIN');
  });

  it("shows the server's words for a rule it names that the page does not know", async () => {
    renderPage((operation) => (operation === 'UpdateUser' ? refused('CONFLICT', 'SOMETHING_NEW', 'Not while a check runs.') : page([ada, vic])));
    const user = userEvent.setup();
    await user.click(within((await screen.findAllByTestId('user-row'))[1]!).getByRole('button', { name: 'Deactivate' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Deactivate' }));
    expect((await within(screen.getByRole('dialog')).findByRole('alert')).textContent).toBe('Could not deactivate the user: Not while a check runs.');
  });

  it('resets a password and shows the one-time password once', async () => {
    const api = renderPage((operation) => (operation === 'ResetPassword' ? ok({ resetPassword: 'Tq8-one-time-9zP' }) : page([ada, vic])));
    const user = userEvent.setup();
    await user.click(within((await screen.findAllByTestId('user-row'))[1]!).getByRole('button', { name: 'Reset password' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Reset password' }));
    const secret = (await screen.findByTestId('one-time-secret')) as HTMLInputElement;
    expect(secret.value).toBe('Tq8-one-time-9zP');
    expect(api.callsTo('ResetPassword')[0]!.variables).toEqual({ userId: '2' });
    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByTestId('one-time-secret')).toBeNull();
    expect(document.body.textContent).not.toContain('Tq8-one-time-9zP');
  });

  it("creates a user and shows the server's one-time password once, with a copy button", async () => {
    const api = renderPage((operation, variables) => {
      if (operation === 'InviteUser') {
        const input = variables.input as { email: string; fullName: string; role: User['role'] };
        return ok({ inviteUser: { initialPassword: 'Kp3-one-time-Qz7', user: aUser({ id: '3', email: input.email, fullName: input.fullName, role: input.role }) } });
      }
      return page([ada, vic]);
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Add user' }));
    const dialog = screen.getByRole('dialog', { name: 'Add a user' });
    await user.type(within(dialog).getByLabelText('Email'), 'olga@levelsync.test');
    await user.type(within(dialog).getByLabelText('Full name'), 'Olga Operator');
    await user.click(within(dialog).getByRole('radio', { name: /Operator/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Create user' }));

    const secret = (await screen.findByTestId('one-time-secret')) as HTMLInputElement;
    expect(api.callsTo('InviteUser')[0]!.variables.input).toEqual({ email: 'olga@levelsync.test', fullName: 'Olga Operator', role: 'OPERATOR' });
    expect(secret.value).toBe('Kp3-one-time-Qz7');
    await user.click(screen.getByRole('button', { name: 'Copy one-time password' }));
    // user-event puts a clipboard of its own on navigator.
    expect(await navigator.clipboard.readText()).toBe('Kp3-one-time-Qz7');
    expect(screen.getByRole('button', { name: 'Copy one-time password' }).textContent).toBe('Copied');
    expect(api.callsTo('Users').length).toBeGreaterThan(1);
  });
});
