import { useEffect, useMemo, useRef, useState } from 'react';
import type { Specialization, ViolationFilter, ViolationType } from '../../../generated/graphql';
import { useLiveQuery } from '../../connection/hooks/useLiveQuery';
import { afterLiveDetectionToo } from '../../connection/refresh-bus';
import { mergeFirstPage, noLiveViolations, type LiveViolations } from '../../live/live-violations';
import { ViolationsQuery } from '../graphql/violations.query';

export interface ViolationFilters {
  type: ViolationType | '';
  specialization: Specialization | '';
  /** A student's name, email or ID (digits only). */
  student: string;
  includeResolved: boolean;
}

export const emptyFilters: ViolationFilters = { type: '', specialization: '', student: '', includeResolved: false };
export const pageSize = 25;

function toFilter(filters: ViolationFilters): ViolationFilter {
  const search = filters.student.trim();
  // Digits only is an ID (as shown under each name, "#1234"); anything else searches names and emails.
  const id = /^#?\d+$/.test(search) ? search.replace('#', '') : null;
  return {
    type: filters.type || null,
    specialization: filters.specialization || null,
    studentId: id,
    student: id === null && search !== '' ? search : null,
    includeResolved: filters.includeResolved,
  };
}

function localFilter(filters: ViolationFilters) {
  const { studentId, student } = toFilter(filters);
  return {
    type: filters.type,
    specialization: filters.specialization,
    studentId: studentId ?? null,
    search: Boolean(student),
    includeResolved: filters.includeResolved,
  };
}

/** Where the table stands: page 1 is always the newest rows; other pages are reached from a neighbour's cursor. */
type Position = { page: number; first: number; after: string | null } | { page: number; last: number; before: string };

const newest: Position = { page: 1, first: pageSize, after: null };

/**
 * Filtered, cursor-paginated violations. "Next" pages forwards from the end of the current page,
 * "Previous" backwards from its start, so each shows the rows right next to what is on screen even
 * while live updates resolve or add violations; back on page 1 it is the newest rows again.
 */
export function useViolations(live: LiveViolations = noLiveViolations) {
  const [filters, setFiltersState] = useState<ViolationFilters>(emptyFilters);
  const [position, setPosition] = useState<Position>(newest);
  const variables = useMemo(() => {
    const { page: _page, ...cursor } = position;
    return { ...cursor, filter: toFilter(filters) };
  }, [position, filters]);
  const [{ data, error, fetching }] = useLiveQuery({ query: ViolationsQuery, variables }, { refreshOn: afterLiveDetectionToo });
  const connection = data?.violations;
  // The push version each answer reflects: pushes until then are in it (or were overtaken, e.g. by a repair).
  const liveVersion = useRef(live.version);
  liveVersion.current = live.version;
  const [fetchedVersion, setFetchedVersion] = useState(live.version);
  useEffect(() => setFetchedVersion(liveVersion.current), [data]);
  const pushedSinceFetch = live.version > fetchedVersion;
  const fetched = connection?.edges.map((edge) => edge.node) ?? [];
  const unfiltered = filters.type === '' && filters.specialization === '' && filters.student.trim() === '' && !filters.includeResolved;
  // Page 1 shows what live detection pushed before the refetch is in; other pages only lose resolved rows.
  const violations =
    connection === undefined
      ? []
      : position.page === 1
        ? mergeFirstPage(fetched, live, fetchedVersion, localFilter(filters), pageSize)
        : fetched.filter((v) => filters.includeResolved || !live.resolvedIds.has(v.id));

  return {
    filters,
    setFilters: (next: ViolationFilters) => {
      setFiltersState(next);
      setPosition(newest);
    },
    violations,
    newIds: live.newIds,
    // The pushed count is the newest when nothing is filtered; the refetch settles the rest.
    totalCount: unfiltered && pushedSinceFetch && live.openCount !== null ? live.openCount : (connection?.totalCount ?? 0),
    loaded: connection !== undefined,
    error,
    fetching,
    page: position.page,
    hasPrevious: position.page > 1,
    hasNext: connection?.pageInfo.hasNextPage ?? false,
    next: () => {
      const end = connection?.pageInfo.endCursor;
      if (end) setPosition({ page: position.page + 1, first: pageSize, after: end });
    },
    previous: () => {
      const start = connection?.pageInfo.startCursor;
      setPosition(position.page <= 2 || !start ? newest : { page: position.page - 1, last: pageSize, before: start });
    },
  };
}
