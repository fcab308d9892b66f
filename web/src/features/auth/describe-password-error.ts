import type { CombinedError } from 'urql';

/** One sentence for a refused `changePassword`; the server's message names the rule a new password broke. */
export function describePasswordError(error: CombinedError): string {
  if (error.networkError && error.graphQLErrors.length === 0) {
    return 'Cannot reach the LevelSync API. Your password is unchanged; try again.';
  }
  const [first] = error.graphQLErrors;
  const fields = Array.isArray(first?.extensions?.fields) ? (first.extensions.fields as unknown[]).map(String) : [];
  switch (first?.extensions?.code) {
    case 'UNAUTHENTICATED':
      return 'The current password is wrong.';
    case 'BAD_USER_INPUT':
      if (fields.includes('currentPassword') || first.extensions.reason === 'WRONG_PASSWORD') return 'The current password is wrong.';
      return first.message ? `The new password was refused: ${first.message}` : 'The new password was refused. Choose another one.';
    case 'RATE_LIMITED':
      return 'Too many attempts. Wait a minute and try again.';
    default:
      return 'Your password could not be changed because of a server error. Try again.';
  }
}

export const minPasswordLength = 12;

/** What the form can tell before asking the server (which also refuses commonly breached passwords). */
export function checkNewPassword(current: string, next: string, repeated: string): string | null {
  if (current === '') return 'Enter your current password.';
  if (next.length < minPasswordLength) return `The new password needs at least ${minPasswordLength} characters.`;
  if (next.length > 256) return 'The new password can have at most 256 characters.';
  if (next === current) return 'The new password must differ from the current one.';
  if (next !== repeated) return 'The two new passwords differ.';
  return null;
}
