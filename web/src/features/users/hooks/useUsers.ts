import { useMemo, useState } from 'react';
import { useLiveQuery } from '../../connection/hooks/useLiveQuery';
import { UsersQuery } from '../graphql/users.query';

export const usersPageSize = 25;
const reconnects = ['reconnected'] as const;

/**
 * Users matching a search, a page at a time. `users` pages forwards only, so the cursors of the pages
 * already passed are kept to go back; a new search starts again from the first page.
 */
export function useUsers() {
  const [search, setSearchState] = useState('');
  const [afters, setAfters] = useState<ReadonlyArray<string | null>>([null]);
  const after = afters[afters.length - 1] ?? null;
  const variables = useMemo(() => ({ first: usersPageSize, after, search: search.trim() || null }), [after, search]);
  const [{ data, error }, reexecute] = useLiveQuery({ query: UsersQuery, variables }, { refreshOn: reconnects });
  const connection = data?.users ?? undefined;
  const users = useMemo(() => connection?.edges.map((edge) => edge.node) ?? [], [connection]);

  return {
    search,
    setSearch: (next: string) => {
      setSearchState(next);
      setAfters([null]);
    },
    users,
    totalCount: connection?.totalCount ?? 0,
    loaded: connection !== undefined,
    error,
    page: afters.length,
    hasPrevious: afters.length > 1,
    hasNext: connection?.pageInfo.hasNextPage ?? false,
    next: () => {
      const end = connection?.pageInfo.endCursor;
      if (end) setAfters([...afters, end]);
    },
    previous: () => setAfters(afters.length > 1 ? afters.slice(0, -1) : afters),
    reload: () => reexecute({ requestPolicy: 'network-only' }),
  };
}
