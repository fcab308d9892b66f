import type { AuditEntryFieldsFragment, AuditLogFilter } from '../../generated/graphql';

export type AuditEntry = AuditEntryFieldsFragment;

export interface AuditFilters {
  actorId: string;
  action: string;
  targetType: string;
  /** `datetime-local` values (the browser's time zone); empty for no bound. */
  since: string;
  until: string;
}

export const emptyAuditFilters: AuditFilters = { actorId: '', action: '', targetType: '', since: '', until: '' };

function toIso(local: string): string | null {
  if (!local) return null;
  const time = new Date(local).getTime();
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

export function toAuditLogFilter(filters: AuditFilters): AuditLogFilter {
  return {
    actorId: filters.actorId || null,
    action: filters.action.trim() || null,
    targetType: filters.targetType.trim() || null,
    since: toIso(filters.since),
    until: toIso(filters.until),
  };
}

export function isFiltered(filters: AuditFilters): boolean {
  return Object.values(filters).some((value) => value.trim() !== '');
}

/** Whether a pushed entry belongs in the filtered table (the server's filter, applied to one row). */
export function matchesAuditFilter(entry: AuditEntry, filter: AuditLogFilter): boolean {
  const at = Date.parse(entry.at);
  return (
    (!filter.actorId || entry.actor?.id === filter.actorId) &&
    (!filter.action || entry.action === filter.action) &&
    (!filter.targetType || entry.targetType === filter.targetType) &&
    (!filter.since || at >= Date.parse(filter.since)) &&
    (!filter.until || at <= Date.parse(filter.until))
  );
}

/** Actions the trail records (AuditEntry.action's description lists them); the filter takes any other too. */
export const knownAuditActions = [
  'SIGN_IN',
  'SIGN_IN_FAILED',
  'SIGN_OUT',
  'USER_CREATED',
  'USER_UPDATED',
  'ROLE_CHANGED',
  'PASSWORD_CHANGED',
  'PASSWORD_RESET',
  'SPECIALIZATION_ASSIGNED',
  'CHECK_REQUESTED',
  'AUTO_SYNC_REQUESTED',
  'LICENSE_RESYNCED',
  'AUDIT_RETENTION_PURGED',
] as const;

/** What entries act on (AuditEntry.targetType's description). */
export const knownTargetTypes = ['User', 'Pair', 'CheckRun', 'AuditLog'] as const;
