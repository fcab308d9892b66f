import type { EntityManager } from '@mikro-orm/postgresql';
import type { Orm } from '../database/database';
import { keysetPage, type KeysetPage, type KeysetRows } from '../database/keyset-page';
import { uniqueViolation } from '../database/sql';
import { badInput, conflict, notFound } from '../errors/domain-error';
import { publishSafely } from '../events/publish-safely';
import { TOPICS, type EventPublisher } from '../events/topics';
import type { AlertJobs } from '../jobs/alert-jobs';
import type { Logger } from '../logging/logger';
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

const MAX_PAGE = 100;
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

function checkPage(page: KeysetPage): KeysetPage {
  if (!Number.isInteger(page.size) || page.size < 1 || page.size > MAX_PAGE) {
    throw badInput(`${page.direction === 'forward' ? 'first' : 'last'} must be between 1 and ${MAX_PAGE}`, { field: page.direction === 'forward' ? 'first' : 'last' });
  }
  return page;
}

/**
 * Every change an admin makes to alerting: rules, channels, acknowledgements, silences, test
 * notifications; and the reads of the dashboard. Alert state itself moves only in AlertEvaluator.
 */
export class AlertsService {
  constructor(
    private readonly orm: Orm,
    private readonly deliveries: NotificationDeliveryService,
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

  async createRule(input: AlertRuleInput): Promise<AlertRule> {
    const valid = validateRule(input);
    await this.checkChannels(valid.channelIds ?? [], valid.escalationChannelId ?? null);
    const rule = this.em.create(AlertRule, { name: valid.name, metric: valid.metric });
    this.assignRule(rule, valid);
    await this.flushUnique('name');
    await this.jobs.requestEvaluation('requested');
    return rule;
  }

  async updateRule(id: number, input: AlertRuleInput): Promise<AlertRule> {
    const valid = validateRule(input);
    const rule = await this.rule(id);
    if (rule.metric !== valid.metric && rule.state !== 'INACTIVE') throw badInput('metric cannot change while the rule is pending or firing; disable it first', { field: 'metric' });
    await this.checkChannels(valid.channelIds ?? rule.channelIds, valid.escalationChannelId ?? null);
    rule.name = valid.name;
    rule.metric = valid.metric;
    this.assignRule(rule, valid);
    await this.flushUnique('name');
    await this.jobs.requestEvaluation('requested');
    return rule;
  }

  async deleteRule(id: number): Promise<boolean> {
    const rule = await this.rule(id);
    await this.em.removeAndFlush(rule);
    return true;
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
  async silence(ruleId: number, until: Date, reason: string, byUserId: number): Promise<AlertRule> {
    const rule = await this.rule(ruleId);
    this.applySilence(rule, until, reason, byUserId);
    await this.em.flush();
    return rule;
  }

  async silenceAll(until: Date, reason: string, byUserId: number): Promise<AlertRule[]> {
    const rules = await this.rules();
    for (const rule of rules) this.applySilence(rule, until, reason, byUserId);
    await this.em.flush();
    return rules;
  }

  /** Ends a silence now: what still fires is re-notified at the next evaluation (requested at once). */
  async unsilence(ruleId: number): Promise<AlertRule> {
    const rule = await this.rule(ruleId);
    if (rule.silencedUntil) rule.silencedUntil = this.now();
    await this.em.flush();
    await this.jobs.requestEvaluation('requested');
    return rule;
  }

  private applySilence(rule: AlertRule, until: Date, reason: string, byUserId: number): void {
    const now = this.now().getTime();
    if (Number.isNaN(until.getTime()) || until.getTime() <= now) throw badInput('until must be in the future', { field: 'until' });
    if (until.getTime() - now > MAX_SILENCE_MS) throw badInput('until must be within 90 days', { field: 'until' });
    const why = reason.trim();
    if (why.length < 1 || why.length > 500) throw badInput('reason must be 1 to 500 characters', { field: 'reason' });
    rule.silencedUntil = until;
    rule.silenceReason = why;
    rule.silencedById = byUserId;
  }

  /** Who and when: an acknowledged alert stops repeating until it resolves or escalates. */
  async acknowledge(alertId: number, byUserId: number): Promise<Alert> {
    const alert = await this.em.findOne(Alert, { id: alertId });
    if (!alert) throw notFound(`Alert ${alertId} does not exist`, { field: 'id' });
    if (alert.resolvedAt) throw conflict(`Alert ${alertId} is resolved already`, { reason: 'ALERT_RESOLVED' });
    if (!alert.acknowledgedAt) {
      alert.acknowledgedAt = this.now();
      alert.acknowledgedById = byUserId;
      await this.em.flush();
      const rule = await this.rule(alert.ruleId);
      await publishSafely(this.events, TOPICS.ALERTS_CHANGED, alertSnapshot(alert, rule), this.logger);
    }
    return alert;
  }

  // --- alerts ------------------------------------------------------------------------------------

  async alertsPage(filter: AlertFilter, page: KeysetPage): Promise<KeysetRows<Alert> & { totalCount: () => Promise<number> }> {
    const where = { ...(filter.firingOnly ? { state: 'FIRING' as const } : {}), ...(filter.ruleId ? { ruleId: filter.ruleId } : {}) };
    const result = await keysetPage(checkPage(page), (range, order, limit) => this.em.find(Alert, { ...where, ...range }, { orderBy: { id: order }, limit }));
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

  async createChannel(input: NotificationChannelInput): Promise<NotificationChannel> {
    const valid = validateChannel(input);
    const channel = this.em.create(NotificationChannel, { name: valid.name, kind: valid.kind });
    this.assignChannel(channel, valid);
    await this.flushUnique('name');
    return channel;
  }

  /** Secrets left out stay as stored; a new webhook secret rotates (the old one signs too, for a grace period). */
  async updateChannel(id: number, input: NotificationChannelInput): Promise<NotificationChannel> {
    const channel = await this.channel(id);
    if (input.kind !== channel.kind) throw badInput('kind cannot change; create another channel', { field: 'kind' });
    const valid = validateChannel(input, { hasUrl: Boolean(channel.url), hasRoutingKey: Boolean(channel.routingKey) });
    channel.name = valid.name;
    if (valid.kind === 'WEBHOOK' && valid.secret && channel.secret && valid.secret !== channel.secret) {
      channel.previousSecret = channel.secret;
      channel.previousSecretUntil = new Date(this.now().getTime() + SECRET_ROTATION_GRACE_MS);
    }
    this.assignChannel(channel, valid);
    await this.flushUnique('name');
    return channel;
  }

  async deleteChannel(id: number): Promise<boolean> {
    const channel = await this.channel(id);
    for (const rule of await this.em.find(AlertRule, {})) {
      if (rule.channelIds.includes(id)) rule.channelIds = rule.channelIds.filter((c) => c !== id);
      if (rule.escalationChannelId === id) rule.escalationChannelId = null;
    }
    this.em.remove(channel);
    await this.em.flush();
    return true;
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
  async sendTest(channelId: number): Promise<NotificationDelivery> {
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
    return delivery;
  }

  // --- deliveries --------------------------------------------------------------------------------

  async deliveriesPage(filter: DeliveryFilter, page: KeysetPage): Promise<KeysetRows<NotificationDelivery> & { totalCount: () => Promise<number> }> {
    const where = { ...(filter.channelId ? { channelId: filter.channelId } : {}), ...(filter.deadOnly ? { status: 'DEAD' as const } : {}) };
    const result = await keysetPage(checkPage(page), (range, order, limit) => this.em.find(NotificationDelivery, { ...where, ...range }, { orderBy: { id: order }, limit }));
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
