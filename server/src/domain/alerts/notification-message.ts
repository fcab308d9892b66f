import type { AlertRule } from './alert-rule.entity';
import type { Alert } from './alert.entity';
import type { AlertEvent } from './alert.types';

/**
 * The message of one notification, composed once at the transition and stored on the delivery, so
 * every retry sends the same content. The webhook body is this object; the other channels render it.
 */
export interface NotificationMessage {
  readonly event: AlertEvent;
  readonly alert: {
    readonly id: number;
    readonly rule: string;
    readonly ruleId: number;
    readonly metric: string;
    readonly severity: string;
    readonly value: number;
    readonly startedAt: string;
    readonly resolvedAt: string | null;
  } | null;
  /** Why this notification: fired, escalated, deescalated, reminder, silence-ended, escalation, resolved, test. */
  readonly reason: string;
  /** For a reminder (and any firing): how long the alert has fired. */
  readonly firingForSeconds: number | null;
  readonly text: string;
  readonly sentAt: string;
}

export function alertMessage(event: AlertEvent, reason: string, rule: AlertRule, alert: Alert, now: Date): NotificationMessage {
  const firingFor = alert.state === 'FIRING' || event === 'alert.resolved' ? Math.max(0, Math.round((now.getTime() - alert.startedAt.getTime()) / 1000)) : null;
  const value = Math.round(alert.value * 1000) / 1000;
  const head =
    event === 'alert.resolved'
      ? `RESOLVED: ${rule.name} (${rule.metric}) is back to normal at ${value}`
      : `${alert.severity}: ${rule.name} (${rule.metric}) is ${value}`;
  const tail = reason === 'reminder' && firingFor !== null ? `, still firing after ${humanDuration(firingFor)}` : reason === 'escalation' ? ', unacknowledged: escalated' : '';
  return {
    event,
    alert: {
      id: alert.id,
      rule: rule.name,
      ruleId: rule.id,
      metric: rule.metric,
      severity: alert.severity,
      value: alert.value,
      startedAt: alert.startedAt.toISOString(),
      resolvedAt: alert.resolvedAt ? alert.resolvedAt.toISOString() : null,
    },
    reason,
    firingForSeconds: firingFor,
    text: `${head}${tail}`,
    sentAt: now.toISOString(),
  };
}

export function testMessage(channelName: string, now: Date): NotificationMessage {
  return { event: 'test', alert: null, reason: 'test', firingForSeconds: null, text: `LevelSync test notification for channel "${channelName}"`, sentAt: now.toISOString() };
}

export function humanDuration(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 360) / 10} h`;
}
