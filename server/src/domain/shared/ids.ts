import { badInput } from '../errors/domain-error';

const MAX_ID = 2_147_483_647;

/** GraphQL IDs are strings; ours are positive PostgreSQL integers. */
export function parseId(raw: string, field: string): number {
  if (!/^[1-9][0-9]{0,9}$/.test(raw) || Number(raw) > MAX_ID) {
    throw badInput(`${field} must be a positive integer id, got ${JSON.stringify(raw.slice(0, 40))}`, { field });
  }
  return Number(raw);
}
