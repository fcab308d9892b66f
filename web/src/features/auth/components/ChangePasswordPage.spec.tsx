import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { createFakeApi, ok, renderWithApi, type FakeResponse } from '../../../test/fake-api';
import { aSession } from '../../../test/factories';
import { useSession } from '../hooks/useSession';
import { saveSession } from '../session';
import { ChangePasswordPage } from './ChangePasswordPage';
import { SessionProvider } from './SessionProvider';

function Token() {
  const { session } = useSession();
  return <span data-testid="token">{session ? `${session.accessToken}${session.user.mustChangePassword ? ' (must change)' : ''}` : 'signed out'}</span>;
}

function renderPage(answer: (operation: string, variables: Record<string, unknown>) => FakeResponse) {
  const api = createFakeApi(answer);
  renderWithApi(
    <SessionProvider>
      <ChangePasswordPage />
      <Token />
    </SessionProvider>,
    api,
  );
  return api;
}

async function submit(current: string, next: string, repeated = next) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Current password'), current);
  await user.type(screen.getByLabelText('New password'), next);
  await user.type(screen.getByLabelText('Confirm the password'), repeated);
  await user.click(screen.getByRole('button', { name: 'Change password' }));
}


beforeEach(() => {
  saveSession(aSession({ id: '5', email: 'vic@levelsync.test', fullName: 'Vic', role: 'VIEWER', permissions: [] }));
});

describe('ChangePasswordPage', () => {
  it('says when the two new passwords differ, without asking the server', async () => {
    const api = renderPage(() => ok({ changePassword: true }));
    await submit('old-password-1', 'a-new-password-1', 'a-new-password-2');
    expect((await screen.findByRole('alert')).textContent).toBe('The two new passwords differ.');
    expect(api.callsTo('ChangePassword')).toHaveLength(0);
  });

  it('says when the current password is wrong', async () => {
    // As the API answers it: UNAUTHENTICATED at changePassword's path, a field error (HTTP 200).
    renderPage(() => ({ body: { data: null, errors: [{ message: 'The current password is incorrect.', path: ['changePassword'], extensions: { code: 'UNAUTHENTICATED' } }] } }));
    await submit('wrong-password', 'a-new-password-1');
    expect((await screen.findByRole('alert')).textContent).toBe('The current password is wrong.');
    expect(screen.getByTestId('token').textContent).toBe('token-1');
  });

  it("names the server's rule for a refused new password", async () => {
    renderPage(() => ({ body: { data: null, errors: [{ message: 'newPassword is a commonly breached password.', extensions: { code: 'BAD_USER_INPUT', fields: ['newPassword'] } }] } }));
    await submit('old-password-1', 'password1234');
    expect((await screen.findByRole('alert')).textContent).toBe('The new password was refused: newPassword is a commonly breached password.');
  });

  it('changes the password and keeps the session', async () => {
    const api = renderPage(() => ok({ changePassword: true }));
    await submit('old-password-1', 'a-new-password-1');
    expect((await screen.findByRole('status')).textContent).toBe('Your password has been changed.');
    expect(screen.getByTestId('token').textContent).toBe('token-1');
    expect(api.callsTo('ChangePassword')[0]!.variables).toEqual({ currentPassword: 'old-password-1', newPassword: 'a-new-password-1' });
  });

  it('lifts the hold of a one-time password once the new one is set', async () => {
    saveSession(aSession({ id: '5', email: 'vic@levelsync.test', role: 'VIEWER', mustChangePassword: true, permissions: [] }));
    renderPage(() => ok({ changePassword: true }));
    expect(screen.getByTestId('token').textContent).toBe('token-1 (must change)');
    await submit('one-time-Xy7', 'a-new-password-1');
    await screen.findByText('token-1');
  });
});
