/** Codes clients can rely on; mapped 1:1 to GraphQL `extensions.code` in one place. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'INTERNAL_SERVER_ERROR';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Machine-readable detail, e.g. `{ reason: 'SPECIALIZATION_NOT_ASSIGNED' }`. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const badInput = (message: string, details: Record<string, unknown> = {}) =>
  new DomainError('BAD_USER_INPUT', message, details);
export const notFound = (message: string, details: Record<string, unknown> = {}) =>
  new DomainError('NOT_FOUND', message, details);
export const conflict = (message: string, details: Record<string, unknown> = {}) =>
  new DomainError('CONFLICT', message, details);
export const unauthenticated = (message = 'Sign in with a valid access token.') =>
  new DomainError('UNAUTHENTICATED', message);
export const forbidden = (message = 'Your role does not allow this operation.', details: Record<string, unknown> = {}) =>
  new DomainError('FORBIDDEN', message, details);
/** Over a request budget: `retryAfterSeconds` says when the caller may try again (HTTP: 429 + Retry-After). */
export const rateLimited = (retryAfterSeconds: number, what = 'requests') =>
  new DomainError('RATE_LIMITED', `Too many ${what}; retry in ${retryAfterSeconds} s.`, { retryAfterSeconds });
