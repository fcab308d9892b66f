import type { CombinedError } from 'urql';

/** One sentence for a failed alert or channel action; field errors name the field the server named. */
export function describeAlertError(error: CombinedError, fallback: string): string {
  const first = error.graphQLErrors[0];
  switch (first?.extensions?.code) {
    case 'BAD_USER_INPUT':
      return first.message;
    case 'NOT_FOUND':
      return 'It no longer exists: someone removed it meanwhile.';
    case 'FORBIDDEN':
      return 'Your account is not allowed to change alerts.';
    case 'RATE_LIMITED':
      return 'Too many requests right now. Try again in a minute.';
    default:
      return error.networkError ? 'The API cannot be reached. Try again when the connection is back.' : fallback;
  }
}
