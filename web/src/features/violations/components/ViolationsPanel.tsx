import { useCallback, useState } from 'react';
import type { LiveViolations } from '../../live/live-violations';
import { Pagination } from '../../../shared/components/Pagination';
import { Panel } from '../../../shared/components/Panel';
import { formatNumber } from '../../../shared/format/format-number';
import { emptyFilters, pageSize, useViolations } from '../hooks/useViolations';
import { useRepair } from '../hooks/useRepair';
import type { Violation } from '../violation';
import { NoViolations } from './NoViolations';
import { ViolationFiltersBar } from './ViolationFiltersBar';
import { ViolationsTable } from './ViolationsTable';

interface ViolationsPanelProps {
  now: number;
  /** What live detection pushed: new rows on top (marked new), resolved ones gone. */
  live?: LiveViolations;
}

export function ViolationsPanel({ now, live }: ViolationsPanelProps) {
  const list = useViolations(live);
  const [repairedIds, setRepairedIds] = useState<ReadonlySet<string>>(new Set());
  const [announcement, setAnnouncement] = useState('');
  const onRepaired = useCallback((violation: Violation) => {
    setRepairedIds((ids) => new Set(ids).add(violation.id));
    setAnnouncement(`License repaired for ${violation.student.fullName}.`);
  }, []);
  const { repair, repairing, error: repairError, clearError } = useRepair(onRepaired);
  const filtered = list.filters.type !== '' || list.filters.specialization !== '' || list.filters.student.trim() !== '';
  // A row repaired here is no longer open, though it stays listed (marked) until the refetch is in.
  const awaitingRefetch = list.filters.includeResolved ? 0 : list.violations.filter((v) => repairedIds.has(v.id) && v.resolvedAt === null).length;
  const shownCount = list.totalCount - awaitingRefetch;
  const count = list.loaded ? `${formatNumber(shownCount)} ${list.filters.includeResolved ? '' : 'open '}` : '';

  return (
    <Panel title="Violations" id="violations-title" className="violations-panel">
      <ViolationFiltersBar filters={list.filters} onChange={list.setFilters} />
      <p className="violations-count" role="status" aria-live="polite" data-testid="violations-count">
        {list.loaded ? `${count}violation${shownCount === 1 ? '' : 's'}${filtered ? ' matching the filters' : ''}` : 'Loading violations…'}
      </p>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {list.error && !list.loaded ? (
        <p className="panel-empty">Violations are unavailable right now.</p>
      ) : list.loaded && list.violations.length === 0 ? (
        <NoViolations filtered={filtered} onClearFilters={() => list.setFilters(emptyFilters)} />
      ) : (
        <ViolationsTable
          violations={list.violations}
          repairedIds={repairedIds}
          newIds={list.newIds}
          now={now}
          repairing={repairing}
          repairError={repairError}
          onRepair={repair}
          onDialogClose={clearError}
        />
      )}
      {list.loaded && (list.hasNext || list.hasPrevious) ? (
        <Pagination
          label="Violations pages"
          page={list.page}
          pageSize={pageSize}
          shown={list.violations.length}
          totalCount={list.totalCount}
          hasPrevious={list.hasPrevious}
          hasNext={list.hasNext}
          onPrevious={list.previous}
          onNext={list.next}
        />
      ) : null}
    </Panel>
  );
}
