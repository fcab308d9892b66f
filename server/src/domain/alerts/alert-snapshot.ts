import type { AlertRule } from './alert-rule.entity';
import type { Alert } from './alert.entity';
import type { AlertSnapshot } from './alert.types';

/** An alert as subscribers receive it (plain data: it crosses processes). */
export function alertSnapshot(alert: Alert, rule: Pick<AlertRule, 'id' | 'name' | 'metric'>): AlertSnapshot {
  return {
    id: alert.id,
    ruleId: rule.id,
    ruleName: rule.name,
    metric: rule.metric,
    state: alert.state,
    severity: alert.severity,
    value: alert.value,
    startedAt: alert.startedAt,
    resolvedAt: alert.resolvedAt ?? null,
    acknowledgedAt: alert.acknowledgedAt ?? null,
    acknowledgedById: alert.acknowledgedById ?? null,
    suppressedBy: alert.suppressedBy ?? null,
    escalatedAt: alert.escalatedAt ?? null,
  };
}
