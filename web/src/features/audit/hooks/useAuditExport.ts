import { useRef, useState } from 'react';
import { useClient } from 'urql';
import type { AuditLogFilter } from '../../../generated/graphql';
import { downloadTextFile } from '../../../shared/download/download-text-file';
import { auditCsv, auditCsvFileName } from '../audit-csv';
import type { AuditEntry } from '../audit-filters';
import { AuditLogQuery } from '../graphql/audit-log.query';

// The largest page `auditLog` serves: the fewest requests against the rate limit.
const exportPageSize = 100;

/**
 * Exports every entry matching the filter, all pages, as CSV built here from the same query the
 * table uses: one door (GraphQL, its permission table and limits) instead of a second route that
 * would need its own auth. A rate-limited page is waited out and sent again by the client.
 */
export function useAuditExport() {
  const client = useClient();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const cancelled = useRef(false);

  async function exportCsv(filter: AuditLogFilter) {
    cancelled.current = false;
    setError(null);
    setProgress({ done: 0, total: 0 });
    const entries: AuditEntry[] = [];
    // Entries appended during the export are not part of it: it is the trail up to the moment it began.
    const frozen = { ...filter, until: filter.until ?? new Date().toISOString() };
    const readPage = (after: string | null) => client.query(AuditLogQuery, { first: exportPageSize, after, filter: frozen }, { requestPolicy: 'network-only' }).toPromise();
    let after: string | null = null;
    try {
      for (;;) {
        const result = await readPage(after);
        if (cancelled.current) return;
        const page = result.data?.auditLog;
        if (result.error || !page) {
          setError('The export stopped: the audit trail could not be read. Try again.');
          return;
        }
        entries.push(...page.edges.map((edge) => edge.node));
        setProgress({ done: entries.length, total: page.totalCount });
        if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
        after = page.pageInfo.endCursor;
      }
      downloadTextFile(auditCsvFileName(new Date()), auditCsv(entries));
    } finally {
      setProgress(null);
    }
  }

  return {
    exportCsv,
    exporting: progress !== null,
    progress,
    error,
    cancel: () => {
      cancelled.current = true;
      setProgress(null);
    },
  };
}
