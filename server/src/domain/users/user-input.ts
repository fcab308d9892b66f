import { badInput } from '../errors/domain-error';
import { CONTROL_CHARACTER as CONTROL } from '../shared/printable-text';
import { ROLES, type Role } from '../shared/specialization';
import { COMMON_PASSWORDS } from './common-passwords';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
export const FULL_NAME_MAX_LENGTH = 200;
export const EMAIL_MAX_LENGTH = 254;
export const SEARCH_MAX_LENGTH = 200;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normaliseEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (email.length > EMAIL_MAX_LENGTH || !EMAIL.test(email) || CONTROL.test(email)) {
    throw badInput('email must be a valid address of at most 254 characters', { field: 'email' });
  }
  return email;
}

export function normaliseFullName(raw: string): string {
  const name = raw.trim();
  if (name.length === 0 || name.length > FULL_NAME_MAX_LENGTH || CONTROL.test(name)) {
    throw badInput(`fullName must be 1 to ${FULL_NAME_MAX_LENGTH} printable characters`, { field: 'fullName' });
  }
  return name;
}

/**
 * A search over names and emails: trimmed, at most SEARCH_MAX_LENGTH printable characters (see
 * printable-text.ts); blank means none.
 */
export function normaliseSearch(raw: string | null | undefined): string | undefined {
  const term = raw?.trim() || undefined;
  if (term === undefined) return undefined;
  if (term.length > SEARCH_MAX_LENGTH) throw badInput(`search must be at most ${SEARCH_MAX_LENGTH} characters`, { field: 'search' });
  if (CONTROL.test(term)) throw badInput('search must hold printable characters only', { field: 'search' });
  return term;
}

export function checkNewPassword(password: string, email: string): void {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    throw badInput(`password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`, { field: 'password' });
  }
  const lowered = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lowered) || lowered === email || lowered.includes(email.split('@')[0] ?? email)) {
    throw badInput('password is too common or contains the email; choose a less guessable one', { field: 'password' });
  }
}

export function checkRole(role: string): Role {
  if (!ROLES.includes(role as Role)) throw badInput(`role must be one of ${ROLES.join(', ')}`, { field: 'role' });
  return role as Role;
}
