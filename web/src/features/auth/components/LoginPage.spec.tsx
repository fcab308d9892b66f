import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider } from 'urql';
import { describe, expect, it } from 'vitest';
import { createFakeApi, fail, ok, type FakeResponse } from '../../../test/fake-api';
import { useSession } from '../hooks/useSession';
import { LoginPage } from './LoginPage';
import { SessionProvider } from './SessionProvider';

function SignedInAs() {
  const { session } = useSession();
  return session ? <p>signed in as {session.user.email}</p> : <LoginPage />;
}

async function signIn(response: FakeResponse, password = 'a-password') {
  const api = createFakeApi(() => response);
  render(
    <Provider value={api.client}>
      <SessionProvider>
        <SignedInAs />
      </SessionProvider>
    </Provider>,
  );
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Email'), 'admin@levelsync.dev');
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  return api;
}

const adminLogin = (role = 'ADMIN', permissions = ['Query.healthStatus', 'Mutation.resyncLicense']) =>
  ok({
    login: {
      accessToken: 'token-123',
      expiresAt: new Date(Date.now() + 3600_000).toISOString(),
      user: { id: '1', email: 'admin@levelsync.dev', fullName: 'Ada Admin', role, permissions },
    },
  });

describe('LoginPage', () => {
  it('says so when the email or password is wrong (a field error of login: HTTP 200, code UNAUTHENTICATED)', async () => {
    await signIn(fail('UNAUTHENTICATED', 'Invalid email or password.', 200));
    expect((await screen.findByRole('alert')).textContent).toBe('Wrong email or password.');
  });

  it('explains a rate limit instead of a generic failure', async () => {
    await signIn(fail('RATE_LIMITED', 'Too many requests', 429));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Too many sign-in attempts\. Wait .+ and try again\.$/);
  });

  it('refuses accounts whose role reads nothing of the dashboard', async () => {
    await signIn(adminLogin('INSTRUCTOR', ['Query.me', 'Mutation.updateProgress']));
    expect((await screen.findByRole('alert')).textContent).toBe('The health dashboard is for admins, operators and viewers only.');
    expect(window.sessionStorage.length).toBe(0);
  });

  it('signs an admin in, keeping the token in sessionStorage and out of the URL', async () => {
    const api = await signIn(adminLogin(), 'secret-password');
    expect(await screen.findByText('signed in as admin@levelsync.dev')).toBeTruthy();
    expect(window.sessionStorage.getItem('levelsync.session')).toContain('token-123');
    expect(window.location.href).not.toContain('secret-password');
    expect(window.location.href).not.toContain('token-123');
    expect(api.callsTo('Login')[0].variables).toEqual({ email: 'admin@levelsync.dev', password: 'secret-password' });
  });
});
