import type { CombinedError } from 'urql';

// The two rules an admin can run into (updateUser's reasons); for anything else the server's own
// message follows (domain messages are written for people and carry no secrets, e.g. a taken email).
const reasons: Record<string, string> = {
  LAST_ACTIVE_ADMIN: 'This is the last active admin. Make another user an admin first.',
  CANNOT_DEACTIVATE_SELF: 'You cannot deactivate your own account. Ask another admin.',
};

/** One sentence for a failed user operation (`what`: "change the role", "reset the password"). */
export function describeUserError(error: CombinedError, what: string): string {
  if (error.networkError && error.graphQLErrors.length === 0) {
    return 'The API cannot be reached. Try again when the connection is back.';
  }
  const first = error.graphQLErrors[0];
  const reason = typeof first?.extensions?.reason === 'string' ? first.extensions.reason : undefined;
  if (reason && reasons[reason]) return reasons[reason];
  switch (first?.extensions?.code) {
    case 'CONFLICT':
    case 'BAD_USER_INPUT':
      return first.message ? `Could not ${what}: ${first.message}` : `Could not ${what}: the input was refused.`;
    case 'NOT_FOUND':
      return 'This user no longer exists. Refresh the list.';
    case 'FORBIDDEN':
      return `Your account is not allowed to ${what}.`;
    case 'RATE_LIMITED':
      return 'Too many requests right now. Try again in a minute.';
    default:
      return `Could not ${what} because of a server error. Try again.`;
  }
}
