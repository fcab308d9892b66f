import { useCallback } from 'react';
import { useMutation } from 'urql';
import { SignOutMutation } from '../graphql/sign-out.mutation';
import { useSession } from './useSession';

/**
 * Signs out on the server first (the token stops working on every replica, and the sign-out is
 * audited), then here. Leaving never waits on the server: a failed or unreachable API still signs out.
 */
export function useSignOut(): () => Promise<void> {
  const { signOut } = useSession();
  const [, endSessions] = useMutation(SignOutMutation);
  return useCallback(async () => {
    await endSessions({}).catch(() => undefined);
    signOut('user');
  }, [endSessions, signOut]);
}
