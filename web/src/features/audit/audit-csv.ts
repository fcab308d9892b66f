/** One audit entry as the CSV export needs it (a subset of what the query returns). */
export interface AuditCsvEntry {
  id: string;
  at: string;
  action: string;
  actor: { id: string; email: string; fullName: string } | null;
  targetType: string | null;
  targetId: string | null;
  clientAddress: string | null;
  requestId: string | null;
  before: string | null;
  after: string | null;
}

export const auditCsvColumns = ['id', 'at', 'action', 'actor_id', 'actor_email', 'actor_name', 'target_type', 'target_id', 'client_address', 'request_id', 'before', 'after'] as const;

// A cell that starts like a formula would run in a spreadsheet (CSV injection): an actor's name or a
// sign-in email tried is typed by whoever is on the other side, so such a cell is quoted as text.
const formulaStart = /^[=+\-@\t\r]/;

export function csvCell(value: string | null): string {
  if (value === null) return '';
  const text = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== value ? `"${text.replaceAll('"', '""')}"` : text;
}

export function auditCsvRow(entry: AuditCsvEntry): string {
  return [
    entry.id,
    entry.at,
    entry.action,
    entry.actor?.id ?? null,
    entry.actor?.email ?? null,
    entry.actor?.fullName ?? null,
    entry.targetType,
    entry.targetId,
    entry.clientAddress,
    entry.requestId,
    entry.before,
    entry.after,
  ]
    .map(csvCell)
    .join(',');
}

/** RFC 4180: CRLF line ends, a header row, quotes doubled inside quoted cells. */
export function auditCsv(entries: readonly AuditCsvEntry[]): string {
  return [auditCsvColumns.join(','), ...entries.map(auditCsvRow)].join('\r\n') + '\r\n';
}

/** `audit-2026-12-03T0812Z.csv`: sortable, and no characters a file system refuses. */
export function auditCsvFileName(now: Date): string {
  return `audit-${now.toISOString().slice(0, 16).replace(':', '')}Z.csv`;
}
