import { ROLES, type Role } from '../shared/specialization';

/**
 * Who may run a root field: anyone (`public`), anyone signed in (`authenticated`), or the roles
 * listed. Rules about one's own data (a student reads only their own progress) stay with the service
 * that owns the data; this table decides whether the operation is open to the role at all.
 */
export type Access = 'public' | 'authenticated' | readonly Role[];

/** Everything the dashboard reads: health, metrics, violations, runs, repairs, alerts (rules, channels without secrets, deliveries), users' names, system. */
const DASHBOARD: readonly Role[] = ['ADMIN', 'OPERATOR', 'VIEWER'];
/** What runs checks, changes data to repair it, and answers alerts (acknowledge, silence). */
const OPERATORS: readonly Role[] = ['ADMIN', 'OPERATOR'];
const ADMINS: readonly Role[] = ['ADMIN'];
const STAFF: readonly Role[] = ['ADMIN', 'INSTRUCTOR'];

/**
 * The one permission table, keyed `Type.field`, for every root field of the schema (Query, Mutation,
 * Subscription), over HTTP and WebSocket alike (enforced by graphql/common/permission-guard.ts). A
 * root field without a line here is refused at runtime, and server/test/auth/permission-table.spec.ts
 * fails the build for it.
 */
export const PERMISSIONS: Readonly<Record<string, Access>> = {
  'Mutation.login': 'public',
  'Query.me': 'authenticated',
  'Mutation.signOut': 'authenticated',
  'Mutation.changePassword': 'authenticated',

  'Query.studentProgress': ['ADMIN', 'INSTRUCTOR', 'STUDENT'],
  'Mutation.assignSpecialization': STAFF,
  'Mutation.updateProgress': STAFF,

  'Query.healthStatus': DASHBOARD,
  'Query.healthMetrics': DASHBOARD,
  'Query.violations': DASHBOARD,
  'Query.checkRuns': DASHBOARD,
  'Query.repairs': DASHBOARD,
  'Query.repairPreview': DASHBOARD,
  'Query.systemInfo': DASHBOARD,
  'Subscription.checkRunUpdated': DASHBOARD,
  'Subscription.healthStatusChanged': DASHBOARD,
  'Subscription.repairsMade': DASHBOARD,
  'Subscription.violationsChanged': DASHBOARD,

  'Mutation.runHealthCheck': OPERATORS,
  'Mutation.runAutoSync': OPERATORS,
  'Mutation.resyncLicense': OPERATORS,

  'Query.alertRules': DASHBOARD,
  'Query.alertTransitions': DASHBOARD,
  'Query.alerts': DASHBOARD,
  'Query.notificationChannels': DASHBOARD,
  'Query.notificationDeliveries': DASHBOARD,
  'Subscription.alertsChanged': DASHBOARD,
  'Mutation.acknowledgeAlert': OPERATORS,
  'Mutation.silenceAlerts': OPERATORS,
  'Mutation.silenceAllAlerts': OPERATORS,
  'Mutation.unsilenceAlerts': OPERATORS,
  'Mutation.createAlertRule': ADMINS,
  'Mutation.updateAlertRule': ADMINS,
  'Mutation.deleteAlertRule': ADMINS,
  'Mutation.createNotificationChannel': ADMINS,
  'Mutation.updateNotificationChannel': ADMINS,
  'Mutation.deleteNotificationChannel': ADMINS,
  'Mutation.sendTestNotification': ADMINS,

  'Query.users': ADMINS,
  'Mutation.createUser': ADMINS,
  'Mutation.inviteUser': ADMINS,
  'Mutation.updateUser': ADMINS,
  'Mutation.resetPassword': ADMINS,
  'Query.auditLog': ADMINS,
  'Subscription.auditLogAppended': ADMINS,
};

/** What a user holding a one-time password (created or reset by an admin) may do before changing it. */
const BEFORE_PASSWORD_CHANGE = new Set(['Query.me', 'Mutation.changePassword', 'Mutation.signOut', 'Mutation.login']);

export type Decision = 'ALLOWED' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'PASSWORD_CHANGE_REQUIRED' | 'UNDECLARED';

/** The caller as the table sees it; null when nobody is signed in. */
export interface Caller {
  readonly role: Role;
  readonly mustChangePassword?: boolean;
}

/** The table's answer for a caller on a field (`Type.field`). */
export function decide(field: string, caller: Caller | null): Decision {
  const access = PERMISSIONS[field];
  if (access === undefined) return 'UNDECLARED';
  if (access === 'public') return 'ALLOWED';
  if (caller === null) return 'UNAUTHENTICATED';
  if (caller.mustChangePassword && !BEFORE_PASSWORD_CHANGE.has(field)) return 'PASSWORD_CHANGE_REQUIRED';
  if (access === 'authenticated') return 'ALLOWED';
  return access.includes(caller.role) ? 'ALLOWED' : 'FORBIDDEN';
}

/** The roles a field is open to (every role for `public` and `authenticated`). */
export function rolesFor(field: string): readonly Role[] {
  const access = PERMISSIONS[field];
  if (access === undefined) return [];
  return typeof access === 'string' ? ROLES : access;
}

/** Whether the role may run the field (what the dashboard asks to disable a button, through `me.permissions`). */
export function allows(role: Role, field: string): boolean {
  return decide(field, { role }) === 'ALLOWED';
}

/** The fields a role may run, for the dashboard (`me.permissions`). */
export function permissionsOf(role: Role): string[] {
  return Object.keys(PERMISSIONS).filter((field) => allows(role, field));
}
