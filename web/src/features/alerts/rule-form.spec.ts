import { describe, expect, it } from 'vitest';
import type { AlertRule } from './alert';
import { ruleForm, ruleInput } from './rule-form';

const rule = (patch: Partial<AlertRule>): AlertRule =>
  ({
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
    value: null,
    channels: [
      { id: 'c1', name: 'hook', kind: 'WEBHOOK' },
      { id: 'c2', name: 'pager', kind: 'PAGERDUTY' },
    ],
    ...patch,
  }) as AlertRule;

describe('the rule editor form', () => {
  it('keeps a rule that names no channel on every enabled channel when saved unchanged', () => {
    const every = rule({});
    const saved = ruleInput(every, ruleForm(every));
    expect(saved).toMatchObject({ input: { channelIds: [] } });
  });

  it('keeps the channels a rule names', () => {
    const named = rule({ notifiesEveryChannel: false, channels: [{ id: 'c2', name: 'pager', kind: 'PAGERDUTY' }] });
    expect(ruleForm(named).channelIds).toEqual(['c2']);
  });
});
