import type { AlertRule } from '../features/alerts/alert';

/** A consistency rule as the API answers it (no channels named: every enabled channel), with `patch` over it. */
export function aRule(patch: Partial<AlertRule> = {}): AlertRule {
  return {
    __typename: 'AlertRule',
    id: 'r1',
    name: 'Consistency rate',
    metric: 'CONSISTENCY_RATE',
    warning: 99,
    critical: 95,
    forSeconds: 0,
    recoveryMargin: 0.5,
    repeatIntervalSeconds: 3600,
    escalateAfterSeconds: null,
    escalationChannel: null,
    enabled: true,
    notifiesEveryChannel: true,
    silencedUntil: null,
    silenceReason: null,
    evaluatedAt: null,
    state: 'INACTIVE',
    severity: null,
    value: 100,
    channels: [],
    ...patch,
  } as AlertRule;
}
