import type { Role, UserFieldsFragment } from '../../generated/graphql';

export type User = UserFieldsFragment;

/** The roles an admin hands out on the dashboard, most powerful first, with what each may do. */
export const dashboardRoles: ReadonlyArray<{ role: Role; label: string; description: string }> = [
  { role: 'ADMIN', label: 'Admin', description: 'Everything, including users, alert rules and settings.' },
  { role: 'OPERATOR', label: 'Operator', description: 'Reads everything; runs checks and auto-sync, repairs, acknowledges and silences alerts.' },
  { role: 'VIEWER', label: 'Viewer', description: 'Reads everything; changes nothing but their own password.' },
];

const otherRoles: Partial<Record<Role, string>> = { INSTRUCTOR: 'Instructor', STUDENT: 'Student' };

export function roleLabel(role: Role): string {
  return dashboardRoles.find((entry) => entry.role === role)?.label ?? otherRoles[role] ?? role;
}

/** "an admin", "a viewer". */
export function roleWithArticle(role: Role): string {
  const label = roleLabel(role).toLowerCase();
  return `${/^[aeiou]/.test(label) ? 'an' : 'a'} ${label}`;
}
