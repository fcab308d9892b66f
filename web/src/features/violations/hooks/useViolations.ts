import { useMemo, useState } from 'react';
import type { Specialization, ViolationFilter, ViolationType } from '../../../generated/graphql';
import { useLiveQuery } from '../../connection/hooks/useLiveQuery';
import { afterRepairsToo } from '../../connection/refresh-bus';
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

/** Filtered, cursor-paginated violations; the cursor stack makes "Previous" possible on a forward-only connection. */
export function useViolations() {
  const [filters, setFiltersState] = useState<ViolationFilters>(emptyFilters);
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const after = cursors[cursors.length - 1];
  const variables = useMemo(() => ({ first: pageSize, after, filter: toFilter(filters) }), [after, filters]);
  const [{ data, error, fetching }] = useLiveQuery({ query: ViolationsQuery, variables }, { refreshOn: afterRepairsToo });
  const connection = data?.violations;

  return {
    filters,
    setFilters: (next: ViolationFilters) => {
      setFiltersState(next);
      setCursors([null]);
    },
    violations: connection?.edges.map((edge) => edge.node) ?? [],
    totalCount: connection?.totalCount ?? 0,
    loaded: connection !== undefined,
    error,
    fetching,
    page: cursors.length,
    hasPrevious: cursors.length > 1,
    hasNext: connection?.pageInfo.hasNextPage ?? false,
    next: () => {
      const end = connection?.pageInfo.endCursor;
      if (end) setCursors((stack) => [...stack, end]);
    },
    previous: () => setCursors((stack) => (stack.length > 1 ? stack.slice(0, -1) : stack)),
  };
}
