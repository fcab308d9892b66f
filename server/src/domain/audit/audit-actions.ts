/**
 * The stable names of audited actions: clients filter and alert on them, so a name never changes
 * meaning; a new action gets a new name. Listed in the schema (AuditEntry.action's description).
 */
export const AUDIT_ACTIONS = {
  /** A successful sign-in; the actor is the user. */
  SIGN_IN: 'SIGN_IN',
  /** A refused sign-in; no actor, `after.email` is the email tried. */
  SIGN_IN_FAILED: 'SIGN_IN_FAILED',
  SIGN_OUT: 'SIGN_OUT',
  /** An account made by an admin (createUser, or inviteUser with a one-time password). */
  USER_CREATED: 'USER_CREATED',
  /** Full name or active flag changed (updateUser without a role change). */
  USER_UPDATED: 'USER_UPDATED',
  /** updateUser changed the role (the entry's before/after carry every field it changed). */
  ROLE_CHANGED: 'ROLE_CHANGED',
  /** A user changed their own password. */
  PASSWORD_CHANGED: 'PASSWORD_CHANGED',
  /** An admin set a one-time password for a user. */
  PASSWORD_RESET: 'PASSWORD_RESET',
  SPECIALIZATION_ASSIGNED: 'SPECIALIZATION_ASSIGNED',
  /** "Check now"; `after` is the run answered (possibly one already queued or running). */
  CHECK_REQUESTED: 'CHECK_REQUESTED',
  AUTO_SYNC_REQUESTED: 'AUTO_SYNC_REQUESTED',
  /** A one-pair repair (resyncLicense); `before`/`after` are the pair as the repair saw and left it. */
  LICENSE_RESYNCED: 'LICENSE_RESYNCED',
  /** Alerting's configuration (`before`/`after`: the rule or channel, never a secret: only whether one is set). */
  ALERT_RULE_CREATED: 'ALERT_RULE_CREATED',
  ALERT_RULE_UPDATED: 'ALERT_RULE_UPDATED',
  ALERT_RULE_DELETED: 'ALERT_RULE_DELETED',
  NOTIFICATION_CHANNEL_CREATED: 'NOTIFICATION_CHANNEL_CREATED',
  NOTIFICATION_CHANNEL_UPDATED: 'NOTIFICATION_CHANNEL_UPDATED',
  NOTIFICATION_CHANNEL_DELETED: 'NOTIFICATION_CHANNEL_DELETED',
  /** sendTestNotification; `after` is the delivery and its status. */
  TEST_NOTIFICATION_SENT: 'TEST_NOTIFICATION_SENT',
  ALERT_ACKNOWLEDGED: 'ALERT_ACKNOWLEDGED',
  /** silenceAlerts (one rule, the target) or silenceAllAlerts (no target; `after.ruleIds`). */
  ALERTS_SILENCED: 'ALERTS_SILENCED',
  ALERTS_UNSILENCED: 'ALERTS_UNSILENCED',
  /** The retention job deleted entries older than AUDIT_RETENTION_DAYS; `after` says how many and up to when. */
  AUDIT_RETENTION_PURGED: 'AUDIT_RETENTION_PURGED',
} as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[keyof typeof AUDIT_ACTIONS];
