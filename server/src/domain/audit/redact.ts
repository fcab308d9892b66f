/** Keys whose values never reach the audit trail, at any depth. */
const SECRET_KEY = /pass(word)?|secret|token|hash|authorization|api[-_]?key|signing/i;
export const REDACTED = '[REDACTED]';

/**
 * A copy of the value with every secret-looking key's value replaced by `[REDACTED]`. A flag about a
 * secret (`mustChangePassword: true`) says nothing of it and stays.
 */
export function redactSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => redactSecrets(item)) as T;
  if (value instanceof Date || value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, inner]) => [key, SECRET_KEY.test(key) && typeof inner !== 'boolean' ? REDACTED : redactSecrets(inner)]),
  ) as T;
}
