import { describe, expect, it } from 'vitest';
import type { AlertRule } from './alert';
import { aRule } from '../../test/alert-fixtures';
import { ruleForm, ruleInput } from './rule-form';

const channels = [
  { id: 'c1', name: 'hook', kind: 'WEBHOOK' as const },
  { id: 'c2', name: 'pager', kind: 'PAGERDUTY' as const },
];
const rule = (patch: Partial<AlertRule>): AlertRule => aRule({ channels, ...patch });

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
