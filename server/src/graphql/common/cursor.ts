import { badInput } from '../../domain/errors/domain-error';

/**
 * Opaque cursors over keyset pagination: base64url of "<kind>:<id>". The kind stops a cursor from
 * one list being replayed on another; clients must not build or parse them.
 */
export function encodeCursor(kind: string, id: number): string {
  return Buffer.from(`${kind}:${id}`, 'utf8').toString('base64url');
}

export function decodeCursor(kind: string, cursor: string | null | undefined, field: 'after' | 'before' = 'after'): number | undefined {
  if (cursor === null || cursor === undefined) return undefined;
  const match = /^([a-z]+):([1-9][0-9]{0,9})$/.exec(
    cursor.length <= 64 && /^[A-Za-z0-9_-]*$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '',
  );
  if (!match || match[1] !== kind || Number(match[2]) > 2_147_483_647) {
    throw badInput(`${field} is not a cursor from this list`, { field });
  }
  return Number(match[2]);
}
