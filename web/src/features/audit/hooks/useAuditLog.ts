import { useCallback, useEffect, useMemo, useState } from 'react';
import { useLiveQuery } from '../../connection/hooks/useLiveQuery';
import { useSubscriptionEvents } from '../../connection/hooks/useSubscriptionEvents';
import { emptyAuditFilters, matchesAuditFilter, toAuditLogFilter, type AuditEntry, type AuditFilters } from '../audit-filters';
import { AuditLogAppendedSubscription } from '../graphql/audit-log-appended.subscription';
import { AuditLogQuery } from '../graphql/audit-log.query';

export const auditPageSize = 50;
const reconnects = ['reconnected'] as const;

/**
 * The filtered audit trail, newest first, a page at a time, with what is appended meanwhile. Page 1
 * shows pushed entries on top (marked new) as they arrive; further pages stay as fetched, and say how
 * many new entries wait on page 1. `auditLog` pages forwards only: the cursors passed are kept to go back.
 */
export function useAuditLog() {
  const [filters, setFiltersState] = useState<AuditFilters>(emptyAuditFilters);
  const [afters, setAfters] = useState<ReadonlyArray<string | null>>([null]);
  const [pushed, setPushed] = useState<readonly AuditEntry[]>([]);
  const filter = useMemo(() => toAuditLogFilter(filters), [filters]);
  const after = afters[afters.length - 1] ?? null;
  const variables = useMemo(() => ({ first: auditPageSize, after, filter }), [after, filter]);
  const [{ data, error }, reexecute] = useLiveQuery({ query: AuditLogQuery, variables }, { refreshOn: reconnects });
  const connection = data?.auditLog ?? undefined;
  const fetched = useMemo(() => connection?.edges.map((edge) => edge.node) ?? [], [connection]);

  const onAppended = useCallback(
    ({ auditLogAppended: entry }: { auditLogAppended: AuditEntry }) => {
      if (matchesAuditFilter(entry, filter)) setPushed((current) => (current.some((e) => e.id === entry.id) ? current : [entry, ...current]));
    },
    [filter],
  );
  // Missed events: the page is read again; what was pushed before stays marked until then.
  const onMissed = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  useSubscriptionEvents(AuditLogAppendedSubscription, onAppended, onMissed);

  // A new filter starts from nothing pushed: what arrived under the old one may not match.
  useEffect(() => setPushed([]), [filter]);

  const onFirstPage = afters.length === 1;
  // The newest entry page 1 showed when last fetched: pushed entries above it are not in any count yet.
  const [head, setHead] = useState<number | null>(null);
  useEffect(() => {
    if (!onFirstPage || connection === undefined) return;
    const newest = fetched.reduce((max, entry) => Math.max(max, Number(entry.id)), 0);
    setHead(newest);
    // Keep what is still on screen (marked new) or still to come; drop what fell off page 1.
    const shown = new Set(fetched.map((entry) => entry.id));
    setPushed((current) => current.filter((entry) => shown.has(entry.id) || Number(entry.id) > newest));
  }, [onFirstPage, connection, fetched]);

  const waiting = pushed.filter((entry) => head === null || Number(entry.id) > head);
  // A busy trail would grow page 1 without end: past a page's worth of pushed rows, read page 1 again.
  const overflowing = onFirstPage && waiting.length >= auditPageSize;
  useEffect(() => {
    if (overflowing) reexecute({ requestPolicy: 'network-only' });
  }, [overflowing, reexecute]);
  const entries = onFirstPage ? [...waiting, ...fetched] : fetched;

  return {
    filters,
    filter,
    setFilters: (next: AuditFilters) => {
      setFiltersState(next);
      setAfters([null]);
    },
    entries,
    newIds: new Set(pushed.map((entry) => entry.id)),
    /** New entries that page 1 would show, while another page is open. */
    waitingElsewhere: onFirstPage ? 0 : waiting.length,
    // Another page's count is as of its own fetch (pushed entries may be in it already).
    totalCount: (connection?.totalCount ?? 0) + (onFirstPage ? waiting.length : 0),
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
    newest: () => setAfters([null]),
  };
}
