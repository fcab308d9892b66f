/**
 * Keyset pagination over lists shown newest first (id descending), in both directions, without
 * OFFSET: every page is an index range scan from the cursor, however deep it is.
 *
 * - forward (`first`/`after`): the `size` rows older than the cursor (or the newest rows);
 * - backward (`last`/`before`): the `size` rows newer than the cursor (or the oldest rows),
 *   returned newest first like any page.
 *
 * The far side of the page is known from one extra row; the near side (is there anything on the
 * cursor's side?) from a one-row probe at or beyond the cursor, in the same statement. So
 * `hasPreviousPage` after `after: c` is true exactly when a row still sits at or above c — the rows
 * that `last`/`before: startCursor` would return — and the same, mirrored, for `hasNextPage`.
 */
export type PageDirection = 'forward' | 'backward';

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

/**
 * One statement for a page: `select` is `select <columns> from <table>`, `where` its filter (with
 * `bindings`), written twice when there is a cursor (page, then probe).
 */
export function keysetQuery(page: KeysetPage, select: string, where: string, bindings: readonly unknown[]): { text: string; bindings: unknown[] } {
  const forward = page.direction === 'forward';
  const [beyond, towards] = forward ? ['<', 'desc'] : ['>', 'asc'];
  if (page.cursorId === undefined) {
    return { text: `${select} where ${where} order by id ${towards} limit ?`, bindings: [...bindings, page.size + 1] };
  }
  const [atOrBefore, away] = forward ? ['>=', 'asc'] : ['<=', 'desc'];
  return {
    text: `(${select} where ${where} and id ${beyond} ? order by id ${towards} limit ?)
      union all (${select} where ${where} and id ${atOrBefore} ? order by id ${away} limit 1)`,
    bindings: [...bindings, page.cursorId, page.size + 1, ...bindings, page.cursorId],
  };
}

/** Splits what `keysetQuery` returned into the page (newest first) and both page flags. */
export function keysetRows<T extends { id: number }>(page: KeysetPage, rows: readonly T[]): KeysetRows<T> {
  const cursor = page.cursorId;
  const forward = page.direction === 'forward';
  const onPage = (id: number) => cursor === undefined || (forward ? id < cursor : id > cursor);
  const found = rows.filter((r) => onPage(r.id));
  const probed = rows.length > found.length;
  // Nearest the cursor first, whichever way the page runs.
  found.sort((a, b) => (forward ? b.id - a.id : a.id - b.id));
  const more = found.length > page.size;
  const taken = found.slice(0, page.size);
  if (!forward) taken.reverse();
  return forward
    ? { rows: taken, hasNextPage: more, hasPreviousPage: probed }
    : { rows: taken, hasNextPage: probed, hasPreviousPage: more };
}
