import { useCallback, useState } from 'react';
import { useMutation, type CombinedError } from 'urql';
import { useLive } from '../../connection/hooks/useLive';
import { ResyncLicenseMutation } from '../graphql/resync-license.mutation';
import type { Violation } from '../violation';

function describeRepairError(error: CombinedError): string {
  if (error.graphQLErrors[0]?.extensions?.reason === 'SPECIALIZATION_NOT_ASSIGNED') {
    return 'This student no longer has progress or a license in this specialization.';
  }
  switch (error.graphQLErrors[0]?.extensions?.code) {
    case 'NOT_FOUND':
      return 'This student or specialization no longer exists.';
    case 'CONFLICT':
      return 'Another change is in progress for this student. Try again in a moment.';
    case 'RATE_LIMITED':
      return 'Too many requests right now. Try again in a minute.';
    case 'FORBIDDEN':
      return 'Your account is not allowed to repair licenses.';
    default:
      return error.networkError ? 'The API cannot be reached. Try again when the connection is back.' : 'The repair failed. Try again.';
  }
}

function isAlreadyConsistent(error: CombinedError | undefined): boolean {
  const first = error?.graphQLErrors[0]?.extensions;
  return first?.code === 'CONFLICT' && first.reason === 'ALREADY_CONSISTENT';
}

/**
 * Repairs one violation's license. The answer marks the row at once (onRepaired); the queries that
 * list or count violations and repairs are then told, and refetch once for this repair and its
 * pushed event together. A 429 never reaches here: the client waits it out and sends again.
 */
export function useRepair(onRepaired: (violation: Violation) => void) {
  const { refresh } = useLive();
  const [{ fetching }, resync] = useMutation(ResyncLicenseMutation);
  const [error, setError] = useState<string | null>(null);

  const repair = useCallback(
    async (violation: Violation): Promise<boolean> => {
      setError(null);
      const result = await resync({ studentId: violation.student.id, specialization: violation.specialization });
      if (isAlreadyConsistent(result.error)) {
        // Fixed meanwhile (by the enforcer, auto-sync or another admin): the server resolved the
        // stale violation, so the row goes away like after a repair.
        refresh.emit('repaired');
        return true;
      }
      if (result.error) {
        setError(describeRepairError(result.error));
        return false;
      }
      onRepaired(violation);
      refresh.emit('repaired');
      return true;
    },
    [resync, refresh, onRepaired],
  );

  return { repair, repairing: fetching, error, clearError: () => setError(null) };
}
