import { useState } from 'react';
import { Icon } from '../../../shared/components/Icon';
import { Pagination } from '../../../shared/components/Pagination';
import { Panel } from '../../../shared/components/Panel';
import { formatNumber } from '../../../shared/format/format-number';
import { useNow } from '../../../shared/hooks/useNow';
import { emptyAuditFilters, isFiltered } from '../audit-filters';
import { useAuditExport } from '../hooks/useAuditExport';
import { auditPageSize, useAuditLog } from '../hooks/useAuditLog';
import { AuditFiltersBar } from './AuditFiltersBar';
import { AuditRow } from './AuditRow';

/** Admins: who did what, when, from where; new entries arrive live at the top. */
export function AuditPage() {
  const now = useNow();
  const log = useAuditLog();
  const exporter = useAuditExport();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const filtered = isFiltered(log.filters);

  function toggle(id: string) {
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }

  return (
    <Panel
      title="Audit trail"
      id="audit-title"
      className="audit-panel"
      actions={
        exporter.exporting ? (
          <button type="button" className="button button--small" onClick={exporter.cancel}>
            <span className="spinner" aria-hidden="true" />
            {exporter.progress && exporter.progress.total > 0 ? `Exporting ${formatNumber(exporter.progress.done)} of ${formatNumber(exporter.progress.total)}… Cancel` : 'Exporting… Cancel'}
          </button>
        ) : (
          <button type="button" className="button button--small" onClick={() => void exporter.exportCsv(log.filter)} disabled={!log.loaded || log.totalCount === 0}>
            <Icon name="download" size={14} />
            Export CSV
          </button>
        )
      }
    >
      <AuditFiltersBar filters={log.filters} onChange={log.setFilters} />
      {exporter.error ? (
        <p className="form-message form-message--error" role="alert">
          {exporter.error}
        </p>
      ) : null}
      <p className="page-intro" role="status" aria-live="polite" data-testid="audit-count">
        {log.loaded ? `${formatNumber(log.totalCount)} entr${log.totalCount === 1 ? 'y' : 'ies'}${filtered ? ' matching the filters' : ''}` : 'Loading the audit trail…'}
      </p>
      {log.waitingElsewhere > 0 ? (
        <p className="audit-waiting">
          {formatNumber(log.waitingElsewhere)} new entr{log.waitingElsewhere === 1 ? 'y' : 'ies'} since this page was opened.{' '}
          <button type="button" className="button button--small" onClick={log.newest}>
            Show the newest
          </button>
        </p>
      ) : null}
      {log.error && !log.loaded ? (
        <p className="panel-empty">The audit trail is unavailable right now.</p>
      ) : log.loaded && log.entries.length === 0 ? (
        <div className="panel-empty">
          {filtered ? (
            <>
              No entry matches these filters.{' '}
              <button type="button" className="button button--small button--ghost" onClick={() => log.setFilters(emptyAuditFilters)}>
                Clear the filters
              </button>
            </>
          ) : (
            'Nothing has been recorded yet.'
          )}
        </div>
      ) : (
        <div className="table-wrap">
          <table className="data-table audit-table">
            <caption className="visually-hidden">Audit trail, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Actor</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">Client</th>
                <th scope="col">
                  <span className="visually-hidden">Details</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {log.entries.map((entry) => (
                <AuditRow key={entry.id} entry={entry} isNew={log.newIds.has(entry.id)} expanded={expanded.has(entry.id)} now={now} onToggle={() => toggle(entry.id)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {log.loaded && (log.hasNext || log.hasPrevious) ? (
        <Pagination
          label="Audit trail pages"
          page={log.page}
          pageSize={auditPageSize}
          shown={log.entries.length}
          totalCount={log.totalCount}
          hasPrevious={log.hasPrevious}
          hasNext={log.hasNext}
          onPrevious={log.previous}
          onNext={log.next}
        />
      ) : null}
    </Panel>
  );
}
