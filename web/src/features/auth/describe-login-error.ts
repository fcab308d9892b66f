import type { CombinedError } from 'urql';

/** Turns a failed `login` into one sentence an admin can act on. Never echoes the credentials. */
export function describeLoginError(error: CombinedError): string {
  if (error.networkError && error.graphQLErrors.length === 0) {
    return 'Cannot reach the LevelSync API. Check your connection and try again.';
  }
  const [first] = error.graphQLErrors;
  switch (first?.extensions?.code) {
    case 'UNAUTHENTICATED':
      return 'Wrong email or password.';
    case 'RATE_LIMITED': {
      const retryAfter = Number(first.extensions.retryAfterSeconds ?? first.extensions.retryAfter);
      const wait = Number.isFinite(retryAfter) && retryAfter > 0 ? `${Math.ceil(retryAfter)} seconds` : 'a minute';
      return `Too many sign-in attempts. Wait ${wait} and try again.`;
    }
    case 'BAD_USER_INPUT':
      return 'Enter a valid email address and a password.';
    case 'FORBIDDEN':
      return 'This account is not allowed to sign in.';
    default:
      return 'Sign-in failed because of a server error. Try again in a moment.';
  }
}
