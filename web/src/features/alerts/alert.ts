import type { AlertFieldsFragment, AlertRuleFieldsFragment, AlertSeverity, NotificationChannelFieldsFragment, NotificationDeliveryFieldsFragment } from '../../generated/graphql';

export type Alert = AlertFieldsFragment;
export type AlertRule = AlertRuleFieldsFragment;
export type NotificationChannel = NotificationChannelFieldsFragment;
export type NotificationDelivery = NotificationDeliveryFieldsFragment;

/** CRITICAL before WARNING, then the longest-firing first: what needs a person most comes first. */
export function byUrgency(a: Pick<Alert, 'severity' | 'startedAt'>, b: Pick<Alert, 'severity' | 'startedAt'>): number {
  return severityRank(b.severity) - severityRank(a.severity) || Date.parse(a.startedAt) - Date.parse(b.startedAt);
}

function severityRank(severity: AlertSeverity): number {
  return severity === 'CRITICAL' ? 2 : 1;
}

/** Silenced now: the rule's silence ends in the future. */
export function isSilenced(rule: { silencedUntil?: string | null }, now: number): boolean {
  return !!rule.silencedUntil && Date.parse(rule.silencedUntil) > now;
}

/** One `alertsChanged` event: the alert's whole state after a transition, and when it arrived. */
export interface AlertPush {
  alert: Alert;
  receivedAt: number;
}

/**
 * The alerts the strip shows (firing or pending): the last answer of its query with the alerts
 * pushed since that answer arrived applied on top (older pushes are in the answer, or older than it).
 */
export function applyAlertPushes(answered: readonly Alert[], answeredAt: number, pushes: readonly AlertPush[]): Alert[] {
  const byId = new Map(answered.map((alert) => [alert.id, alert]));
  for (const push of pushes) if (push.receivedAt > answeredAt) byId.set(push.alert.id, push.alert);
  return [...byId.values()].filter((alert) => alert.resolvedAt === null && alert.state !== 'INACTIVE').sort(byUrgency);
}
