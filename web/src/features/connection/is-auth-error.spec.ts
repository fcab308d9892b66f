import { CombinedError } from 'urql';
import { describe, expect, it } from 'vitest';
import { isAuthError } from './create-live-client';

const graphQLError = (code: string, path?: string[]) => ({ message: code, path, extensions: { code } });

describe('isAuthError', () => {
  it('ends the session on a 401', () => {
    expect(isAuthError(new CombinedError({ response: new Response(null, { status: 401 }), graphQLErrors: [graphQLError('UNAUTHENTICATED')] }))).toBe(true);
  });

  it('ends the session on UNAUTHENTICATED for the whole operation', () => {
    expect(isAuthError(new CombinedError({ graphQLErrors: [graphQLError('UNAUTHENTICATED')] }))).toBe(true);
  });

  it("keeps it on a wrong current password, UNAUTHENTICATED at changePassword's path", () => {
    expect(isAuthError(new CombinedError({ response: new Response(null, { status: 200 }), graphQLErrors: [graphQLError('UNAUTHENTICATED', ['changePassword'])] }))).toBe(false);
  });

  it('keeps it on a FORBIDDEN field', () => {
    expect(isAuthError(new CombinedError({ graphQLErrors: [graphQLError('FORBIDDEN', ['users'])] }))).toBe(false);
  });
});
