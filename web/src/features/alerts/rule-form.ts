import type { AlertRuleInput } from '../../generated/graphql';
import type { AlertRule } from './alert';

/** The rule editor's fields as typed (numbers stay text until saved, so a half-typed value is not lost). */
export interface RuleForm {
  warning: string;
  critical: string;
  forSeconds: string;
  recoveryMargin: string;
  repeatIntervalSeconds: string;
  escalationChannelId: string;
  escalateAfterSeconds: string;
  enabled: boolean;
  channelIds: string[];
}

const text = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value));

export function ruleForm(rule: AlertRule): RuleForm {
  return {
    warning: text(rule.warning),
    critical: text(rule.critical),
    forSeconds: String(rule.forSeconds),
    recoveryMargin: String(rule.recoveryMargin),
    repeatIntervalSeconds: String(rule.repeatIntervalSeconds),
    escalationChannelId: rule.escalationChannel?.id ?? '',
    escalateAfterSeconds: text(rule.escalateAfterSeconds),
    enabled: rule.enabled,
    // None ticked stays none (every enabled channel, now and later), not the channels that happen to be enabled today.
    channelIds: rule.notifiesEveryChannel ? [] : rule.channels.map((channel) => channel.id),
  };
}

/**
 * The input to save, or the first field that is not a number. The server judges the rest (warning
 * beyond critical, negative times) and names the field it refuses.
 */
export function ruleInput(rule: AlertRule, form: RuleForm): { input: AlertRuleInput } | { invalid: string } {
  const optional = (value: string) => (value.trim() === '' ? null : Number(value));
  const numbers = {
    warning: optional(form.warning),
    critical: optional(form.critical),
    recoveryMargin: optional(form.recoveryMargin) ?? 0,
    forSeconds: optional(form.forSeconds),
    repeatIntervalSeconds: optional(form.repeatIntervalSeconds) ?? 0,
    escalateAfterSeconds: optional(form.escalateAfterSeconds),
  };
  const labels: Record<keyof typeof numbers, string> = {
    warning: 'Warning',
    critical: 'Critical',
    recoveryMargin: 'Recovery margin',
    forSeconds: 'Pending time',
    repeatIntervalSeconds: 'Repeat interval',
    escalateAfterSeconds: 'Escalate after',
  };
  for (const key of Object.keys(numbers) as Array<keyof typeof numbers>) {
    const value = numbers[key];
    if (value !== null && !Number.isFinite(value)) return { invalid: `${labels[key]} must be a number.` };
    if (value !== null && key.endsWith('Seconds') && !Number.isInteger(value)) return { invalid: `${labels[key]} must be a whole number of seconds.` };
  }
  if (numbers.forSeconds === null) return { invalid: 'Pending time must be a whole number of seconds.' };
  const escalating = form.escalationChannelId !== '';
  return {
    input: {
      name: rule.name,
      metric: rule.metric,
      warning: numbers.warning,
      critical: numbers.critical,
      forSeconds: numbers.forSeconds,
      recoveryMargin: numbers.recoveryMargin,
      repeatIntervalSeconds: numbers.repeatIntervalSeconds,
      escalationChannelId: escalating ? form.escalationChannelId : null,
      escalateAfterSeconds: escalating ? numbers.escalateAfterSeconds : null,
      enabled: form.enabled,
      channelIds: form.channelIds,
    },
  };
}
