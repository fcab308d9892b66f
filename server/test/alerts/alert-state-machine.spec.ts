import { describe, expect, it } from 'vitest';
import { INACTIVE_STATE, step, type RuleState, type RuleThresholds, type Transition } from '../../src/domain/alerts/alert-state-machine';

const consistency: RuleThresholds = { direction: 'BELOW', warning: 99, critical: 95, forSeconds: 0, recoveryMargin: 0.5, repeatIntervalSeconds: 0 };
const latency: RuleThresholds = { direction: 'ABOVE', warning: 200, critical: 500, forSeconds: 60, recoveryMargin: 50, repeatIntervalSeconds: 600 };
const at = (seconds: number) => new Date(Date.UTC(2026, 11, 3, 12, 0, seconds));

/** Feeds values one evaluation apart (every `every` seconds) and returns the transitions and the final state. */
function run(rule: RuleThresholds, values: number[], every = 30, from: RuleState = INACTIVE_STATE) {
  let state = from;
  const transitions: Array<Transition | null> = [];
  values.forEach((value, i) => {
    const result = step(rule, state, value, at(i * every));
    state = result.next;
    transitions.push(result.transition);
  });
  return { state, transitions };
}

describe('the alert state machine', () => {
  it('fires CRITICAL at once below a strict threshold when the rule has no pending time', () => {
    const { state, transitions } = run(consistency, [99.5, 94.9]);
    expect(transitions).toEqual([null, 'fired']);
    expect(state).toMatchObject({ state: 'FIRING', severity: 'CRITICAL' });
  });

  it('does not fire exactly at a threshold (strict comparison)', () => {
    const { state, transitions } = run(consistency, [99, 95]);
    expect(transitions).toEqual([null, 'fired']);
    expect(state.severity).toBe('WARNING');
  });

  it('goes PENDING and fires only once the breach held for forSeconds', () => {
    const { transitions, state } = run(latency, [250, 260, 270, 280]);
    expect(transitions).toEqual(['pending', null, 'fired', null]);
    expect(state).toMatchObject({ state: 'FIRING', severity: 'WARNING' });
  });

  it('cancels a pending alert whose value recovers before forSeconds', () => {
    expect(run(latency, [250, 100]).transitions).toEqual(['pending', 'cancelled']);
  });

  it('escalates to CRITICAL and de-escalates back, each after holding forSeconds', () => {
    const { transitions } = run(latency, [250, 250, 250, 600, 600, 600, 300, 300, 300]);
    expect(transitions).toEqual(['pending', null, 'fired', null, null, 'escalated', null, null, 'deescalated']);
  });

  it('resolves only when the value is back past threshold ± margin for the pending time', () => {
    // 94.9 fires; 95.2 and 95.4 are inside the 0.5 margin: still firing; 95.6 is past it.
    const { transitions, state } = run(consistency, [94.9, 95.2, 95.4, 99.6]);
    expect(transitions).toEqual(['fired', null, null, 'resolved']);
    expect(state.state).toBe('INACTIVE');
  });

  it('stays quiet while the value flaps around the threshold inside the margin', () => {
    const flapping = [94.9, 95.1, 94.8, 95.3, 94.95, 95.2, 94.7, 95.4];
    const { transitions } = run(consistency, flapping);
    expect(transitions.filter(Boolean)).toEqual(['fired']);
  });

  it('restarts the recovery clock when the value falls back into the margin', () => {
    const { transitions } = run(latency, [600, 600, 600, 100, 460, 100, 100, 100]);
    // fired at 60 s; recovering at 90 s, broken at 120 s (460 > 500 - 50), recovering again from 150 s: resolved at 210 s.
    expect(transitions).toEqual(['pending', null, 'fired', null, null, null, null, 'resolved']);
  });

  it('reminds once per repeat interval, and not once acknowledged', () => {
    // Fired at 60 s; the next run's clock starts at 0 again, so reminders fall at 660 s and 1,260 s of 1,800.
    const fired = run(latency, [300, 300, 300]).state;
    const reminders = run(latency, Array(61).fill(300), 30, fired).transitions.filter((t) => t === 'reminder');
    expect(reminders).toHaveLength(2);
    const quiet = run(latency, Array(41).fill(300), 30, { ...fired, acknowledged: true }).transitions.filter(Boolean);
    expect(quiet).toEqual([]);
  });

  it('clears the acknowledgement when it escalates', () => {
    const fired = { ...run(latency, [300, 300, 300]).state, acknowledged: true };
    const escalated = run(latency, [600, 600, 600], 30, fired).state;
    expect(escalated).toMatchObject({ severity: 'CRITICAL', acknowledged: false });
  });

  it('holds its state when the metric has no value', () => {
    const fired = run(consistency, [90]).state;
    expect(step(consistency, fired, null, at(100))).toEqual({ next: fired, transition: null });
  });
});
