import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface AdminCredentials {
  email: string;
  password: string;
  /** Where a generated password is kept, or undefined when it came from ADMIN_PASSWORD. */
  savedIn: string | undefined;
}

/**
 * The all-in-one admin: ADMIN_PASSWORD if set, else a password generated on the first start and
 * kept (owner-readable only) under the data directory, so every later start prints the same one.
 */
export function resolveAdminCredentials(dataDir: string, email: string, configured: string | undefined): AdminCredentials {
  if (configured) return { email, password: configured, savedIn: undefined };
  const file = join(dataDir, 'admin-password');
  if (existsSync(file)) return { email, password: readFileSync(file, 'utf8').trim(), savedIn: file };
  const password = randomBytes(18).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return { email, password, savedIn: file };
}
