import type { EntityManager } from '@mikro-orm/postgresql';
import { AUDIT_ACTIONS } from '../audit/audit-actions';
import type { AuditService } from '../audit/audit.service';
import type { AuditOrigin } from '../audit/audit.types';
import type { Orm } from '../database/database';
import { checkPageSize, keysetPage, type KeysetPage, type KeysetRows } from '../database/keyset-page';
import { uniqueViolation } from '../database/sql';
import { badInput, conflict, notFound } from '../errors/domain-error';
import { publishSafely } from '../events/publish-safely';
import { TOPICS, type EventPublisher } from '../events/topics';
import type { AlertJobs } from '../jobs/alert-jobs';
import type { Logger } from '../logging/logger';
import { CONTROL_CHARACTER } from '../shared/printable-text';
import { validateChannel, validateRule, type AlertRuleInput, type NotificationChannelInput } from './alert-input';
import { AlertRule } from './alert-rule.entity';
import { alertSnapshot } from './alert-snapshot';
import { AlertTransition } from './alert-transition.entity';
import { Alert } from './alert.entity';
import { DeliveryAttempt } from './delivery-attempt.entity';
import { NotificationChannel } from './notification-channel.entity';
import { NotificationDelivery } from './notification-delivery.entity';
import type { NotificationDeliveryService } from './notification-delivery.service';
import { testMessage } from './notification-message';

/** After a secret rotation the old secret keeps signing this long, so receivers can switch over. */
export const SECRET_ROTATION_GRACE_MS = 24 * 3600 * 1000;
const MAX_SILENCE_MS = 90 * 24 * 3600 * 1000;

export interface AlertFilter {
  firingOnly?: boolean;
  ruleId?: number;
}

export interface DeliveryFilter {
  channelId?: number;
  deadOnly?: boolean;
}

/** A rule as the audit trail keeps it. */
function ruleRecord(rule: AlertRule): object {
  return {
    name: rule.name,
    metric: rule.metric,
    warning: rule.warning ?? null,
    critical: rule.critical ?? null,
    forSeconds: rule.forSeconds,
    recoveryMargin: rule.recoveryMargin,
    repeatIntervalSeconds: rule.repeatIntervalSeconds,
    enabled: rule.enabled,
    channelIds: [...rule.channelIds],
    escalationChannelId: rule.escalationChannelId ?? null,
    escalateAfterSeconds: rule.escalateAfterSeconds ?? null,
  };
}

/**
 * A channel as the audit trail keeps it: never a secret (the Slack URL is one, so a URL is kept only
 * as its host), only whether one is set.
 */
function channelRecord(channel: NotificationChannel): object {
  return {
    name: channel.name,
    kind: channel.kind,
    enabled: channel.enabled,
    host: channel.url ? new URL(channel.url).host : null,
    secretSet: Boolean(channel.secret),
    routingKeySet: Boolean(channel.routingKey),
    smtpHost: channel.smtpHost ?? null,
    smtpPort: channel.smtpPort ?? null,
    smtpUser: channel.smtpUser ?? null,
    smtpPasswordSet: Boolean(channel.smtpPassword),
    from: channel.fromAddress ?? null,
    to: channel.toAddresses ?? null,
  };
}

/**
 * Every change an admin makes to alerting: rules, channels, acknowledgements, silences, test
 * notifications; and the reads of the dashboard. Alert state itself moves only in AlertEvaluator.
 */
export class AlertsService {
  constructor(
    private readonly orm: Orm,
    private readonly deliveries: NotificationDeliveryService,
    private readonly audit: AuditService,
    private readonly jobs: AlertJobs,
    private readonly events: EventPublisher,
    private readonly logger?: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private get em(): EntityManager {
    return this.orm.em as EntityManager;
  }

  // --- rules -------------------------------------------------------------------------------------

  rules(): Promise<AlertRule[]> {
    return this.em.find(AlertRule, {}, { orderBy: { id: 'asc' } });
  }

  async rule(id: number): Promise<AlertRule> {
    const rule = await this.em.findOne(AlertRule, { id });
    if (!rule) throw notFound(`Alert rule ${id} does not exist`, { field: 'id' });
    return rule;
  }

  async createRule(origin: AuditOrigin, input: AlertRuleInput): Promise<AlertRule> {
    const valid = validateRule(input);
    const rule = await this.audit.inTransaction(async (record) => {
      await this.checkChannels(valid.channelIds ?? [], valid.escalationChannelId ?? null);
      const created = this.em.create(AlertRule, { name: valid.name, metric: valid.metric });
      this.assignRule(created, valid);
      await this.flushUnique('name');
      await record({ origin, action: AUDIT_ACTIONS.ALERT_RULE_CREATED, targetType: 'AlertRule', targetId: created.id, after: ruleRecord(created) });
      return created;
    });
    await this.jobs.requestEvaluation('requested');
    return rule;
  }

  async updateRule(origin: AuditOrigin, id: number, input: AlertRuleInput): Promise<AlertRule> {
    const valid = validateRule(input);
    const rule = await this.audit.inTransaction(async (record) => {
      const found = await this.rule(id);
      if (found.metric !== valid.metric && found.state !== 'INACTIVE') throw badInput('metric cannot change while the rule is pending or firing; disable it first', { field: 'metric' });
      await this.checkChannels(valid.channelIds ?? found.channelIds, valid.escalationChannelId ?? null);
      const before = ruleRecord(found);
      found.name = valid.name;
      found.metric = valid.metric;
      this.assignRule(found, valid);
      await this.flushUnique('name');
      await record({ origin, action: AUDIT_ACTIONS.ALERT_RULE_UPDATED, targetType: 'AlertRule', targetId: id, before, after: ruleRecord(found) });
      return found;
    });
    await this.jobs.requestEvaluation('requested');
    return rule;
  }

  deleteRule(origin: AuditOrigin, id: number): Promise<boolean> {
    return this.audit.inTransaction(async (record) => {
      const rule = await this.rule(id);
      const before = ruleRecord(rule);
      await this.em.removeAndFlush(rule);
      await record({ origin, action: AUDIT_ACTIONS.ALERT_RULE_DELETED, targetType: 'AlertRule', targetId: id, before });
      return true;
    });
  }

  private assignRule(rule: AlertRule, input: AlertRuleInput): void {
    rule.warning = input.warning ?? null;
    rule.critical = input.critical ?? null;
    if (input.forSeconds !== null && input.forSeconds !== undefined) rule.forSeconds = input.forSeconds;
    if (input.recoveryMargin !== null && input.recoveryMargin !== undefined) rule.recoveryMargin = input.recoveryMargin;
    if (input.repeatIntervalSeconds !== null && input.repeatIntervalSeconds !== undefined) rule.repeatIntervalSeconds = input.repeatIntervalSeconds;
    if (input.enabled !== null && input.enabled !== undefined) rule.enabled = input.enabled;
    if (input.channelIds) rule.channelIds = [...new Set(input.channelIds)];
    if (input.escalationChannelId !== undefined) rule.escalationChannelId = input.escalationChannelId;
    if (input.escalateAfterSeconds !== undefined) rule.escalateAfterSeconds = input.escalateAfterSeconds;
  }

  private async checkChannels(ids: readonly number[], escalation: number | null): Promise<void> {
    const wanted = [...new Set([...ids, ...(escalation ? [escalation] : [])])];
    if (wanted.length === 0) return;
    const found = new Set((await this.em.find(NotificationChannel, { id: { $in: wanted } })).map((c) => c.id));
    const missing = wanted.find((id) => !found.has(id));
    if (missing !== undefined) throw badInput(`Notification channel ${missing} does not exist`, { field: ids.includes(missing) ? 'channelIds' : 'escalationChannelId' });
  }

  /** The channels a rule notifies: its own, or every enabled channel when it names none. */
  async channelsOf(rule: AlertRule): Promise<NotificationChannel[]> {
    return this.em.find(NotificationChannel, rule.channelIds.length > 0 ? { id: { $in: rule.channelIds } } : { enabled: true }, { orderBy: { id: 'asc' } });
  }

  transitions(ruleId: number, limit = 100): Promise<AlertTransition[]> {
    return this.em.find(AlertTransition, { ruleId }, { orderBy: { id: 'desc' }, limit: Math.min(Math.max(limit, 1), 500) });
  }

  // --- silences and acknowledgements -------------------------------------------------------------

  /** Silences a rule until `until`: its state still moves and shows, but no one is told; the end re-notifies. */
  silence(origin: AuditOrigin, ruleId: number, until: Date, reason: string): Promise<AlertRule> {
    const why = this.checkSilence(until, reason);
    return this.audit.inTransaction(async (record) => {
      const rule = await this.rule(ruleId);
      this.applySilence(rule, until, why, origin.actorId);
      await this.em.flush();
      await record({ origin, action: AUDIT_ACTIONS.ALERTS_SILENCED, targetType: 'AlertRule', targetId: ruleId, after: { until, reason: why } });
      return rule;
    });
  }

  silenceAll(origin: AuditOrigin, until: Date, reason: string): Promise<AlertRule[]> {
    const why = this.checkSilence(until, reason);
    return this.audit.inTransaction(async (record) => {
      const rules = await this.rules();
      for (const rule of rules) this.applySilence(rule, until, why, origin.actorId);
      await this.em.flush();
      await record({ origin, action: AUDIT_ACTIONS.ALERTS_SILENCED, targetType: 'AlertRule', targetId: null, after: { until, reason: why, ruleIds: rules.map((r) => r.id) } });
      return rules;
    });
  }

  /** Ends a silence now: what still fires is re-notified at the next evaluation (requested at once). */
  async unsilence(origin: AuditOrigin, ruleId: number): Promise<AlertRule> {
    const rule = await this.audit.inTransaction(async (record) => {
      const found = await this.rule(ruleId);
      const before = { until: found.silencedUntil ?? null, reason: found.silenceReason ?? null };
      if (found.silencedUntil) found.silencedUntil = this.now();
      await this.em.flush();
      await record({ origin, action: AUDIT_ACTIONS.ALERTS_UNSILENCED, targetType: 'AlertRule', targetId: ruleId, before });
      return found;
    });
    await this.jobs.requestEvaluation('requested');
    return rule;
  }

  /** The silence's end and reason, checked before anything is read; the trimmed reason. */
  private checkSilence(until: Date, reason: string): string {
    const now = this.now().getTime();
    if (Number.isNaN(until.getTime()) || until.getTime() <= now) throw badInput('until must be in the future', { field: 'until' });
    if (until.getTime() - now > MAX_SILENCE_MS) throw badInput('until must be within 90 days', { field: 'until' });
    const why = reason.trim();
    if (why.length < 1 || why.length > 500 || CONTROL_CHARACTER.test(why)) throw badInput('reason must be 1 to 500 printable characters', { field: 'reason' });
    return why;
  }

  private applySilence(rule: AlertRule, until: Date, reason: string, byUserId: number | null): void {
    rule.silencedUntil = until;
    rule.silenceReason = reason;
    rule.silencedById = byUserId;
  }

  /** Who and when: an acknowledged alert stops repeating until it resolves or escalates. */
  async acknowledge(origin: AuditOrigin, alertId: number): Promise<Alert> {
    const { alert, rule } = await this.audit.inTransaction(async (record) => {
      const found = await this.em.findOne(Alert, { id: alertId });
      if (!found) throw notFound(`Alert ${alertId} does not exist`, { field: 'id' });
      if (found.resolvedAt) throw conflict(`Alert ${alertId} is resolved already`, { reason: 'ALERT_RESOLVED' });
      if (found.acknowledgedAt) return { alert: found, rule: null };
      found.acknowledgedAt = this.now();
      found.acknowledgedById = origin.actorId;
      await this.em.flush();
      await record({ origin, action: AUDIT_ACTIONS.ALERT_ACKNOWLEDGED, targetType: 'Alert', targetId: alertId, after: { severity: found.severity, value: found.value } });
      return { alert: found, rule: await this.rule(found.ruleId) };
    });
    if (rule) await publishSafely(this.events, TOPICS.ALERTS_CHANGED, alertSnapshot(alert, rule), this.logger);
    return alert;
  }

  // --- alerts ------------------------------------------------------------------------------------

  async alertsPage(filter: AlertFilter, page: KeysetPage): Promise<KeysetRows<Alert> & { totalCount: () => Promise<number> }> {
    const where = { ...(filter.firingOnly ? { state: 'FIRING' as const } : {}), ...(filter.ruleId ? { ruleId: filter.ruleId } : {}) };
    const result = await keysetPage(checkPageSize(page), (range, order, limit) => this.em.find(Alert, { ...where, ...range }, { orderBy: { id: order }, limit }));
    return { ...result, totalCount: () => this.em.count(Alert, where) };
  }

  alertsOf(ids: readonly number[]): Promise<Alert[]> {
    return this.em.find(Alert, { id: { $in: [...ids] } });
  }

  // --- channels ----------------------------------------------------------------------------------

  channels(): Promise<NotificationChannel[]> {
    return this.em.find(NotificationChannel, {}, { orderBy: { id: 'asc' } });
  }

  async channel(id: number): Promise<NotificationChannel> {
    const channel = await this.em.findOne(NotificationChannel, { id });
    if (!channel) throw notFound(`Notification channel ${id} does not exist`, { field: 'channelId' });
    return channel;
  }

  createChannel(origin: AuditOrigin, input: NotificationChannelInput): Promise<NotificationChannel> {
    const valid = validateChannel(input);
    return this.audit.inTransaction(async (record) => {
      const channel = this.em.create(NotificationChannel, { name: valid.name, kind: valid.kind });
      this.assignChannel(channel, valid);
      await this.flushUnique('name');
      await record({ origin, action: AUDIT_ACTIONS.NOTIFICATION_CHANNEL_CREATED, targetType: 'NotificationChannel', targetId: channel.id, after: channelRecord(channel) });
      return channel;
    });
  }

  /** Secrets left out stay as stored; a new webhook secret rotates (the old one signs too, for a grace period). */
  updateChannel(origin: AuditOrigin, id: number, input: NotificationChannelInput): Promise<NotificationChannel> {
    return this.audit.inTransaction(async (record) => {
      const channel = await this.channel(id);
      if (input.kind !== channel.kind) throw badInput('kind cannot change; create another channel', { field: 'kind' });
      const valid = validateChannel(input, { hasUrl: Boolean(channel.url), hasRoutingKey: Boolean(channel.routingKey) });
      const before = channelRecord(channel);
      channel.name = valid.name;
      const rotated = valid.kind === 'WEBHOOK' && Boolean(valid.secret) && Boolean(channel.secret) && valid.secret !== channel.secret;
      if (rotated) {
        channel.previousSecret = channel.secret;
        channel.previousSecretUntil = new Date(this.now().getTime() + SECRET_ROTATION_GRACE_MS);
      }
      this.assignChannel(channel, valid);
      await this.flushUnique('name');
      await record({ origin, action: AUDIT_ACTIONS.NOTIFICATION_CHANNEL_UPDATED, targetType: 'NotificationChannel', targetId: id, before, after: { ...channelRecord(channel), secretRotated: rotated } });
      return channel;
    });
  }

  deleteChannel(origin: AuditOrigin, id: number): Promise<boolean> {
    return this.audit.inTransaction(async (record) => {
      const channel = await this.channel(id);
      const before = channelRecord(channel);
      for (const rule of await this.em.find(AlertRule, {})) {
        if (rule.channelIds.includes(id)) rule.channelIds = rule.channelIds.filter((c) => c !== id);
        if (rule.escalationChannelId === id) rule.escalationChannelId = null;
      }
      this.em.remove(channel);
      await this.em.flush();
      await record({ origin, action: AUDIT_ACTIONS.NOTIFICATION_CHANNEL_DELETED, targetType: 'NotificationChannel', targetId: id, before });
      return true;
    });
  }

  private assignChannel(channel: NotificationChannel, input: ReturnType<typeof validateChannel>): void {
    if (input.enabled !== null && input.enabled !== undefined) channel.enabled = input.enabled;
    if (input.url) channel.url = input.url;
    if (input.secret) channel.secret = input.secret;
    if (input.routingKey) channel.routingKey = input.routingKey;
    if (input.smtpHost !== undefined) channel.smtpHost = input.smtpHost?.trim() || null;
    if (input.smtpPort !== undefined) channel.smtpPort = input.smtpPort;
    if (input.smtpSecure !== undefined) channel.smtpSecure = input.smtpSecure;
    if (input.smtpUser !== undefined) channel.smtpUser = input.smtpUser || null;
    if (input.smtpPassword) channel.smtpPassword = input.smtpPassword;
    if (input.from !== undefined) channel.fromAddress = input.from;
    if (input.to) channel.toAddresses = input.to;
  }

  /** Sends a test message now (one try, logged like any other) and answers with the delivery. */
  async sendTest(origin: AuditOrigin, channelId: number): Promise<NotificationDelivery> {
    const channel = await this.channel(channelId);
    const now = this.now();
    const delivery = this.em.create(NotificationDelivery, {
      channelId,
      event: 'test',
      eventId: `msg_test_${channelId}_${now.getTime()}_${Math.random().toString(36).slice(2, 8)}`,
      payload: testMessage(channel.name, now) as unknown as Record<string, unknown>,
    });
    await this.em.flush();
    const result = await this.deliveries.tryOnce(channel, delivery);
    if (result.outcome !== 'delivered') {
      delivery.status = 'DEAD';
      await this.em.flush();
    }
    // Recorded once the try is over (an HTTP call is never held inside a transaction), with its result.
    await this.audit.record({ origin, action: AUDIT_ACTIONS.TEST_NOTIFICATION_SENT, targetType: 'NotificationChannel', targetId: channelId, after: { deliveryId: delivery.id, status: delivery.status } });
    return delivery;
  }

  // --- deliveries --------------------------------------------------------------------------------

  async deliveriesPage(filter: DeliveryFilter, page: KeysetPage): Promise<KeysetRows<NotificationDelivery> & { totalCount: () => Promise<number> }> {
    const where = { ...(filter.channelId ? { channelId: filter.channelId } : {}), ...(filter.deadOnly ? { status: 'DEAD' as const } : {}) };
    const result = await keysetPage(checkPageSize(page), (range, order, limit) => this.em.find(NotificationDelivery, { ...where, ...range }, { orderBy: { id: order }, limit }));
    return { ...result, totalCount: () => this.em.count(NotificationDelivery, where) };
  }

  attempts(deliveryId: number): Promise<DeliveryAttempt[]> {
    return this.em.find(DeliveryAttempt, { deliveryId }, { orderBy: { id: 'asc' } });
  }

  private async flushUnique(field: string): Promise<void> {
    try {
      await this.em.flush();
    } catch (error) {
      if (uniqueViolation(error)) throw badInput(`${field} is taken already`, { field });
      throw error;
    }
  }
}
