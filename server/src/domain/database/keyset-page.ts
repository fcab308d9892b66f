/**
 * Keyset pagination over lists shown newest first (id descending), in both directions, without
 * OFFSET: every page is an index range scan from the cursor, however deep it is.
 *
 * - forward (`first`/`after`): the `size` rows older than the cursor (or the newest rows);
 * - backward (`last`/`before`): the `size` rows newer than the cursor (or the oldest rows),
 *   returned newest first like any page.
 *
 * The far side of the page is known from one extra row; the near side (is there anything on the
 * cursor's side?) from a one-row probe at or beyond the cursor. So `hasPreviousPage` after
 * `after: c` is true exactly when a row still sits at or above c — the rows that
 * `last`/`before: startCursor` would return — and the same, mirrored, for `hasNextPage`.
 */
import { badInput } from '../errors/domain-error';

export type PageDirection = 'forward' | 'backward';

export const MAX_PAGE_SIZE = 100;
/** Rows per page when a client names neither `first` nor `last`. */
export const DEFAULT_PAGE_SIZE = 50;

export interface KeysetPage {
  direction: PageDirection;
  /** Rows wanted; the caller has checked the range. */
  size: number;
  /** The id the cursor points at: forward, rows below it; backward, rows above it. */
  cursorId?: number;
}

export interface KeysetRows<T> {
  /** Newest first. */
  rows: T[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/** An id range in MikroORM's filter language, merged into the list's own filter by the caller. */
export type IdRange = { id?: { $lt: number } | { $gt: number } | { $gte: number } | { $lte: number } };

/** Reads up to `limit` rows of the list within `range`, ordered by id as asked. */
export type KeysetFetch<T> = (range: IdRange, order: 'asc' | 'desc', limit: number) => Promise<T[]>;

/** One page of a list from its fetch (the page and, with a cursor, the probe run side by side). */
export async function keysetPage<T>(page: KeysetPage, fetch: KeysetFetch<T>): Promise<KeysetRows<T>> {
  const forward = page.direction === 'forward';
  const cursor = page.cursorId;
  const [found, probe] = await Promise.all([
    fetch(cursor === undefined ? {} : { id: forward ? { $lt: cursor } : { $gt: cursor } }, forward ? 'desc' : 'asc', page.size + 1),
    cursor === undefined ? Promise.resolve([]) : fetch({ id: forward ? { $gte: cursor } : { $lte: cursor } }, forward ? 'asc' : 'desc', 1),
  ]);
  const more = found.length > page.size;
  const rows = found.slice(0, page.size);
  // Fetched nearest the cursor first, whichever way the page runs; shown newest first.
  if (!forward) rows.reverse();
  const probed = probe.length > 0;
  return forward ? { rows, hasNextPage: more, hasPreviousPage: probed } : { rows, hasNextPage: probed, hasPreviousPage: more };
}

/** The page, once its size is within 1..MAX_PAGE_SIZE (BAD_USER_INPUT naming `first` or `last` otherwise). */
export function checkPageSize(page: KeysetPage): KeysetPage {
  if (!Number.isInteger(page.size) || page.size < 1 || page.size > MAX_PAGE_SIZE) {
    const field = page.direction === 'forward' ? 'first' : 'last';
    throw badInput(`${field} must be a whole number from 1 to ${MAX_PAGE_SIZE}`, { field });
  }
  return page;
}
