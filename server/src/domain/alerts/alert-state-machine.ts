import type { AlertSeverity, AlertState, Direction } from './alert.types';

/** A rule's thresholds and timings, as the state machine reads them. */
export interface RuleThresholds {
  readonly direction: Direction;
  readonly warning: number | null;
  readonly critical: number | null;
  /** How long a breach (or a recovery) must hold before the state moves. */
  readonly forSeconds: number;
  /** Hysteresis: a firing alert recovers only once the value is this far back past its threshold. */
  readonly recoveryMargin: number;
  /** Reminders for an alert that keeps firing; 0 for none. */
  readonly repeatIntervalSeconds: number;
}

/** Where a rule stands between evaluations. */
export interface RuleState {
  readonly state: AlertState;
  readonly severity: AlertSeverity | null;
  /** Since when the value has breached the severity it is heading for (PENDING, or FIRING towards CRITICAL). */
  readonly pendingSince: Date | null;
  /** Since when a firing alert's value has been past threshold ± margin (towards resolution or de-escalation). */
  readonly recoveringSince: Date | null;
  readonly firingSince: Date | null;
  readonly lastNotifiedAt: Date | null;
  readonly acknowledged: boolean;
}

export const INACTIVE_STATE: RuleState = {
  state: 'INACTIVE',
  severity: null,
  pendingSince: null,
  recoveringSince: null,
  firingSince: null,
  lastNotifiedAt: null,
  acknowledged: false,
};

/**
 * What a step did. `fired`, `escalated` (severity up), `deescalated` (down), `resolved` and `reminder`
 * are told to the channels; `pending` and `cancelled` (pending, then back to normal) are history only.
 */
export type Transition = 'pending' | 'cancelled' | 'fired' | 'escalated' | 'deescalated' | 'resolved' | 'reminder';

export interface Step {
  readonly next: RuleState;
  readonly transition: Transition | null;
}

const RANK: Record<AlertSeverity, number> = { WARNING: 1, CRITICAL: 2 };

/** The severity the value breaches now (strict comparisons), if any. */
export function breachedSeverity(rule: RuleThresholds, value: number): AlertSeverity | null {
  const past = (threshold: number | null) => threshold !== null && (rule.direction === 'ABOVE' ? value > threshold : value < threshold);
  if (past(rule.critical)) return 'CRITICAL';
  if (past(rule.warning)) return 'WARNING';
  return null;
}

/** Whether the value is back past `threshold` by the recovery margin (hysteresis). */
function recoveredFrom(rule: RuleThresholds, value: number, threshold: number | null): boolean {
  if (threshold === null) return true;
  return rule.direction === 'ABOVE' ? value <= threshold - rule.recoveryMargin : value >= threshold + rule.recoveryMargin;
}

/** The severity a firing alert of `severity` settles at with this value, hysteresis applied: null when fully recovered. */
function heldSeverity(rule: RuleThresholds, severity: AlertSeverity, value: number): AlertSeverity | null {
  const breached = breachedSeverity(rule, value);
  if (breached && RANK[breached] >= RANK[severity]) return breached;
  if (severity === 'CRITICAL' && !recoveredFrom(rule, value, rule.critical)) return 'CRITICAL';
  const lowest = rule.warning ?? rule.critical;
  if (!recoveredFrom(rule, value, lowest)) return rule.warning === null ? 'CRITICAL' : 'WARNING';
  return null;
}

const elapsed = (since: Date | null, now: Date) => (since ? (now.getTime() - since.getTime()) / 1000 : 0);

/**
 * One evaluation of one rule: INACTIVE → PENDING → FIRING (WARNING | CRITICAL) → resolved (INACTIVE),
 * with escalation and de-escalation while firing. Pure: the evaluator persists what it returns.
 * A missing value (no data) changes nothing.
 */
export function step(rule: RuleThresholds, current: RuleState, value: number | null, now: Date): Step {
  if (value === null || Number.isNaN(value)) return { next: current, transition: null };
  const breached = breachedSeverity(rule, value);
  const held = (since: Date | null) => elapsed(since, now) >= rule.forSeconds;

  if (current.state !== 'FIRING') {
    if (!breached) {
      return current.state === 'PENDING' ? { next: INACTIVE_STATE, transition: 'cancelled' } : { next: current, transition: null };
    }
    const pendingSince = current.state === 'PENDING' ? current.pendingSince : now;
    if (held(pendingSince)) {
      const firing: RuleState = { ...INACTIVE_STATE, state: 'FIRING', severity: breached, firingSince: now, lastNotifiedAt: now };
      return { next: firing, transition: 'fired' };
    }
    if (current.state === 'PENDING' && current.severity === breached) return { next: current, transition: null };
    const pending: RuleState = { ...INACTIVE_STATE, state: 'PENDING', severity: breached, pendingSince };
    return { next: pending, transition: current.state === 'PENDING' ? null : 'pending' };
  }

  const severity = current.severity ?? 'WARNING';
  const target = heldSeverity(rule, severity, value);
  if (target === severity) {
    const next: RuleState = { ...current, pendingSince: null, recoveringSince: null };
    return remind(rule, next, now);
  }
  if (target !== null && RANK[target] > RANK[severity]) {
    const pendingSince = current.pendingSince ?? now;
    if (held(pendingSince)) {
      // Escalation clears the acknowledgement: a CRITICAL is a new call for attention.
      return { next: { ...current, severity: target, pendingSince: null, recoveringSince: null, lastNotifiedAt: now, acknowledged: false }, transition: 'escalated' };
    }
    return { next: { ...current, pendingSince, recoveringSince: null }, transition: null };
  }
  // Towards a lower severity, or resolution: it must hold for the pending time too.
  const recoveringSince = current.recoveringSince ?? now;
  if (!held(recoveringSince)) return { next: { ...current, pendingSince: null, recoveringSince }, transition: null };
  if (target === null) return { next: INACTIVE_STATE, transition: 'resolved' };
  return { next: { ...current, severity: target, pendingSince: null, recoveringSince: null, lastNotifiedAt: now }, transition: 'deescalated' };
}

/** A firing alert that stays as it is: a reminder once per repeat interval, unless acknowledged. */
function remind(rule: RuleThresholds, next: RuleState, now: Date): Step {
  if (rule.repeatIntervalSeconds <= 0 || next.acknowledged) return { next, transition: null };
  if (elapsed(next.lastNotifiedAt ?? next.firingSince, now) < rule.repeatIntervalSeconds) return { next, transition: null };
  return { next: { ...next, lastNotifiedAt: now }, transition: 'reminder' };
}
