import type { Violation } from '../violations/violation';

/** What live detection pushed since the violations were last read: shown on top of the fetched page. */
export interface LiveViolations {
  /** Counts the pushes: a page fetched after push `n` already holds what pushes up to `n` said. */
  version: number;
  /** Opened, newest first (at most `MAX_OPENED`), each with the push that brought it. */
  opened: Array<{ violation: Violation; version: number }>;
  /** Every id pushed as opened since the page loaded: marked "new" wherever it is listed. */
  newIds: ReadonlySet<string>;
  /** Resolved since: hidden from the open list before the refetch is in. */
  resolvedIds: ReadonlySet<string>;
  /** Open violations after the latest push; null before any. */
  openCount: number | null;
}

export const noLiveViolations: LiveViolations = { version: 0, opened: [], newIds: new Set(), resolvedIds: new Set(), openCount: null };

/** Pushed rows kept for the first page; the refetch brings the rest. */
const MAX_OPENED = 100;

export interface ViolationChange {
  opened: Violation[];
  resolved: string[];
  openCount: number;
}

/** Folds one push into what the table shows. */
export function applyViolationChange(live: LiveViolations, change: ViolationChange): LiveViolations {
  const resolvedIds = new Set(live.resolvedIds);
  for (const id of change.resolved) resolvedIds.add(id);
  const newIds = new Set(live.newIds);
  for (const v of change.opened) newIds.add(v.id);
  const version = live.version + 1;
  const opened = [...[...change.opened].reverse().map((violation) => ({ violation, version })), ...live.opened]
    .filter((o) => !resolvedIds.has(o.violation.id))
    .slice(0, MAX_OPENED);
  return { version, opened, newIds, resolvedIds, openCount: change.openCount };
}

/** Fields of a violation filter the pushed rows can be matched against without the server. */
export interface LocalFilter {
  type: string;
  specialization: string;
  studentId: string | null;
  /** A name or email search: the server decides, so pushed rows wait for the refetch. */
  search: boolean;
  includeResolved: boolean;
}

/**
 * The first page with the pushes applied: opened rows that match the filter on top, resolved ones
 * gone (or shown resolved when resolved ones are listed), newest first, one page long. Pushes up to
 * `fetchedVersion` are already in `fetched` (the refetch each push asks for has answered): from then
 * on the server's answer decides, so a violation a repair resolved meanwhile is not brought back.
 */
export function mergeFirstPage(fetched: Violation[], live: LiveViolations, fetchedVersion: number, filter: LocalFilter, pageSize: number): Violation[] {
  const matches = (v: Violation) =>
    !filter.search &&
    (filter.type === '' || v.type === filter.type) &&
    (filter.specialization === '' || v.specialization === filter.specialization) &&
    (filter.studentId === null || v.student.id === filter.studentId);
  const byId = new Map<string, Violation>();
  const pushed = live.opened.filter((o) => o.version > fetchedVersion).map((o) => o.violation);
  for (const v of [...pushed.filter(matches), ...fetched]) if (!byId.has(v.id)) byId.set(v.id, v);
  const rows = [...byId.values()].filter((v) => filter.includeResolved || !live.resolvedIds.has(v.id));
  rows.sort((a, b) => Number(b.id) - Number(a.id));
  return rows.slice(0, pageSize);
}
