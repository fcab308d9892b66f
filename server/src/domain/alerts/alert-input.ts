import { badInput } from '../errors/domain-error';
import { CONTROL_CHARACTER } from '../shared/printable-text';
import { ALERT_METRICS, CHANNEL_KINDS, METRIC_DEFINITIONS, type AlertMetric, type ChannelKind } from './alert.types';
import { isWebhookSecret } from './channels/webhook-signature';

export interface AlertRuleInput {
  name: string;
  metric: string;
  warning?: number | null;
  critical?: number | null;
  forSeconds?: number | null;
  recoveryMargin?: number | null;
  repeatIntervalSeconds?: number | null;
  enabled?: boolean | null;
  channelIds?: number[] | null;
  escalationChannelId?: number | null;
  escalateAfterSeconds?: number | null;
}

export interface NotificationChannelInput {
  name: string;
  kind: string;
  enabled?: boolean | null;
  url?: string | null;
  secret?: string | null;
  routingKey?: string | null;
  smtpHost?: string | null;
  smtpPort?: number | null;
  smtpSecure?: boolean | null;
  smtpUser?: string | null;
  smtpPassword?: string | null;
  from?: string | null;
  to?: string[] | null;
}

const MAX_SECONDS = 30 * 24 * 3600;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

const field = (name: string, message: string) => badInput(`${name} ${message}`, { field: name });

function name(value: string, label: string): string {
  const trimmed = value.trim();
  if (trimmed.length < 1 || trimmed.length > 100 || CONTROL_CHARACTER.test(trimmed)) throw field(label, 'must be 1 to 100 printable characters');
  return trimmed;
}

/** Settings that are text a person typed: no control characters (PostgreSQL cannot even store NUL). */
function printable(value: string | null | undefined, label: string): void {
  if (value && CONTROL_CHARACTER.test(value)) throw field(label, 'must hold printable characters only');
}

function seconds(value: number | null | undefined, label: string): void {
  if (value === null || value === undefined) return;
  if (!Number.isInteger(value) || value < 0 || value > MAX_SECONDS) throw field(label, `must be a whole number of seconds from 0 to ${MAX_SECONDS}`);
}

/** Refuses an inconsistent rule, naming the field: unknown metric, no threshold, warning beyond critical, negative times. */
export function validateRule(input: AlertRuleInput): AlertRuleInput & { metric: AlertMetric } {
  const ruleName = name(input.name, 'name');
  if (!(ALERT_METRICS as readonly string[]).includes(input.metric)) throw field('metric', `must be one of ${ALERT_METRICS.join(', ')}`);
  const metric = input.metric as AlertMetric;
  for (const key of ['warning', 'critical', 'recoveryMargin'] as const) {
    const v = input[key];
    if (v !== null && v !== undefined && !Number.isFinite(v)) throw field(key, 'must be a finite number');
  }
  const { warning, critical } = input;
  const has = (v: number | null | undefined): v is number => v !== null && v !== undefined;
  if (!has(warning) && !has(critical) && metric !== 'PROCESS_MEMORY_MB') throw field('critical', 'or warning must be set');
  if (has(warning) && has(critical)) {
    const beyond = METRIC_DEFINITIONS[metric].direction === 'ABOVE' ? warning > critical : warning < critical;
    if (beyond) throw field('warning', `must not be beyond critical (${METRIC_DEFINITIONS[metric].direction === 'ABOVE' ? 'at most' : 'at least'} ${critical})`);
  }
  seconds(input.forSeconds, 'forSeconds');
  seconds(input.repeatIntervalSeconds, 'repeatIntervalSeconds');
  seconds(input.escalateAfterSeconds, 'escalateAfterSeconds');
  if (has(input.recoveryMargin) && input.recoveryMargin < 0) throw field('recoveryMargin', 'must not be negative');
  if ((input.escalationChannelId ?? null) !== null && (input.escalateAfterSeconds ?? null) === null) {
    throw field('escalateAfterSeconds', 'is required with escalationChannelId');
  }
  return { ...input, name: ruleName, metric };
}

/** Only http(s) URLs, without credentials in them. */
export function validateUrl(value: string, label = 'url'): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw field(label, 'must be an absolute http or https URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw field(label, 'must use http or https');
  if (url.username || url.password) throw field(label, 'must not carry credentials');
  return url.toString();
}

/**
 * A channel's settings for its kind. `existing` says which write-only secrets are stored already, so
 * an update may leave them out (they are never returned to be sent back).
 */
export function validateChannel(input: NotificationChannelInput, existing?: { hasUrl: boolean; hasRoutingKey: boolean }): NotificationChannelInput & { kind: ChannelKind } {
  const channelName = name(input.name, 'name');
  if (!(CHANNEL_KINDS as readonly string[]).includes(input.kind)) throw field('kind', `must be one of ${CHANNEL_KINDS.join(', ')}`);
  const kind = input.kind as ChannelKind;
  const url = input.url ? validateUrl(input.url) : null;
  if ((kind === 'WEBHOOK' || kind === 'SLACK') && !url && !existing?.hasUrl) throw field('url', `is required for ${kind}`);
  if (kind === 'WEBHOOK' && input.secret && !isWebhookSecret(input.secret)) throw field('secret', 'must be whsec_ followed by a base64 key of 24 to 64 bytes');
  if (kind === 'PAGERDUTY' && !input.routingKey && !existing?.hasRoutingKey) throw field('routingKey', 'is required for PAGERDUTY');
  if (input.routingKey && !/^[A-Za-z0-9]{32}$/.test(input.routingKey)) throw field('routingKey', 'must be a 32-character integration key');
  for (const key of ['smtpHost', 'smtpUser', 'smtpPassword', 'from'] as const) printable(input[key], key);
  for (const address of input.to ?? []) printable(address, 'to');
  if (kind === 'EMAIL') {
    if (!input.smtpHost?.trim()) throw field('smtpHost', 'is required for EMAIL');
    if (input.smtpPort !== null && input.smtpPort !== undefined && (!Number.isInteger(input.smtpPort) || input.smtpPort < 1 || input.smtpPort > 65535)) {
      throw field('smtpPort', 'must be a port from 1 to 65535');
    }
    if (!input.from || !EMAIL.test(input.from)) throw field('from', 'must be an email address');
    if (!input.to?.length) throw field('to', 'needs at least one address');
    const bad = input.to.find((address) => !EMAIL.test(address));
    if (bad !== undefined) throw field('to', `has an invalid address: ${bad.slice(0, 80)}`);
  }
  return { ...input, name: channelName, kind, url };
}
