/** A JWT is base64url segments joined by dots; the bound keeps a pasted blob out of the verifier. */
const BEARER = /^Bearer ([A-Za-z0-9_.-]{1,4096})$/;

/**
 * The token of an `Authorization: Bearer <token>` value, from an HTTP header or the `authorization`
 * of a WebSocket's connection_init payload; null when the value is absent or not of that form.
 */
export function bearerToken(authorization: unknown): string | null {
  if (typeof authorization !== 'string') return null;
  return BEARER.exec(authorization.trim())?.[1] ?? null;
}
