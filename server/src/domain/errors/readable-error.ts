/**
 * A message fit to show an admin (stored on a failed run): knex prefixes PostgreSQL errors with the
 * whole statement, which is noise there and shows internals; keep PostgreSQL's own words and code.
 */
export function readableError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const sqlState = (error as { code?: unknown }).code;
  if (typeof sqlState === 'string' && /^[0-9A-Z]{5}$/.test(sqlState)) {
    const cut = error.message.lastIndexOf(' - ');
    return `${cut >= 0 ? error.message.slice(cut + 3) : error.message} (SQLSTATE ${sqlState})`;
  }
  return error.message;
}
