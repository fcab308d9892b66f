import type { EntityManager } from '@mikro-orm/postgresql';
import type { AlertsConfig } from '../config/domain-config';
import type { Orm } from '../database/database';
import { query } from '../database/sql';
import { publishSafely } from '../events/publish-safely';
import { TOPICS, type EventPublisher } from '../events/topics';
import type { AlertJobs } from '../jobs/alert-jobs';
import type { Logger } from '../logging/logger';
import { AlertRule } from './alert-rule.entity';
import { step, type RuleState, type RuleThresholds, type Transition } from './alert-state-machine';
import { AlertTransition } from './alert-transition.entity';
import { Alert } from './alert.entity';
import { INHIBITED_WITHOUT_WORKERS, METRIC_DEFINITIONS, type AlertEvent, type AlertMetric } from './alert.types';
import type { AlertMetricsRepository, MetricValues } from './alert-metrics.repository';
import { alertSnapshot } from './alert-snapshot';
import { NotificationChannel } from './notification-channel.entity';
import { NotificationDelivery } from './notification-delivery.entity';
import { alertMessage } from './notification-message';

/** One evaluation at a time across all workers: a transaction-level advisory lock (two-int form). */
const EVALUATION_LOCK = [7_310_424, 11] as const;
/** A delivery still PENDING this long after it was created may have lost its job: enqueued again (idempotent). */
const LOST_ENQUEUE_SECONDS = 60;
/** Process samples older than this are no use to any window. */
const SAMPLE_RETENTION_HOURS = 1;

export interface EvaluationResult {
  /** False when another evaluation held the lock (this one did nothing). */
  readonly ran: boolean;
  readonly transitions: number;
  readonly deliveries: number;
}

interface Pending {
  readonly deliveryIds: number[];
  readonly changed: Alert[];
  transitions: number;
}

const NOTIFIED: Partial<Record<Transition, AlertEvent>> = {
  fired: 'alert.firing',
  escalated: 'alert.escalated',
  deescalated: 'alert.firing',
  reminder: 'alert.firing',
  resolved: 'alert.resolved',
};

/**
 * The only writer of alert state (rules' state columns, alerts, transitions) and the only publisher
 * of `ALERTS_CHANGED`. Each evaluation reads every metric once, steps each rule's state machine,
 * persists what moved with its history, and creates one delivery per (transition, channel) in the
 * same transaction; the jobs are enqueued and the changes published after it commits.
 */
export class AlertEvaluator {
  constructor(
    private readonly orm: Orm,
    private readonly metrics: AlertMetricsRepository,
    private readonly jobs: AlertJobs,
    private readonly events: EventPublisher,
    private readonly config: AlertsConfig,
    private readonly logger?: Logger,
  ) {}

  async evaluate(now: Date = new Date()): Promise<EvaluationResult> {
    const em = this.orm.em as EntityManager;
    const pending: Pending = { deliveryIds: [], changed: [], transitions: 0 };
    const ran = await em.transactional(async (trx) => {
      const [lock] = await query<{ locked: boolean }>(trx, 'select pg_try_advisory_xact_lock(?, ?) as locked', [...EVALUATION_LOCK]);
      if (!lock?.locked) return false;
      await this.evaluateLocked(trx, now, pending);
      return true;
    });
    if (!ran) return { ran, transitions: 0, deliveries: 0 };
    const lost = await query<{ id: number }>(
      em,
      `select id from notification_deliveries where status = 'PENDING' and created_at < now() - make_interval(secs => ?) order by id limit 500`,
      [LOST_ENQUEUE_SECONDS],
    );
    await this.jobs.enqueueDeliveries([...pending.deliveryIds, ...lost.map((row) => row.id)]);
    const rules = new Map((await em.find(AlertRule, { id: { $in: [...new Set(pending.changed.map((a) => a.ruleId))] } })).map((r) => [r.id, r]));
    // Each alert once, in its state after this evaluation (it may have moved twice: fired, then escalated).
    for (const alert of new Map(pending.changed.map((a) => [a.id, a])).values()) {
      const rule = rules.get(alert.ruleId);
      if (rule) await publishSafely(this.events, TOPICS.ALERTS_CHANGED, alertSnapshot(alert, rule), this.logger);
    }
    return { ran, transitions: pending.transitions, deliveries: pending.deliveryIds.length };
  }

  private async evaluateLocked(trx: EntityManager, now: Date, pending: Pending): Promise<void> {
    // "No workers" first: it decides what the consistency rules may say.
    const rules = (await trx.find(AlertRule, {}, { orderBy: { id: 'asc' } })).sort(
      (a, b) => Number(b.metric === 'WORKERS_ONLINE') - Number(a.metric === 'WORKERS_ONLINE'),
    );
    const watched = new Set<AlertMetric>(rules.filter((r) => r.enabled).map((r) => r.metric));
    const values: MetricValues = await this.metrics.read(watched);
    const channels = await trx.find(NotificationChannel, { enabled: true }, { orderBy: { id: 'asc' } });
    const failing = watched.has('FAILING_CHANNELS') ? await this.metrics.failingChannelIds() : new Set<number>();
    const current = rules.map((r) => r.currentAlertId).filter((id): id is number => typeof id === 'number');
    // The open alerts in one read; the identity map then answers each rule's lookup.
    if (current.length > 0) await trx.find(Alert, { id: { $in: current } });
    const context: RuleContext = { trx, now, pending, channels, failing, workersDown: null };
    for (const rule of rules) await this.evaluateRule(rule, values.get(rule.metric) ?? null, context);
    await trx.flush();
    await query(trx, `delete from process_samples where bucket_start < now() - make_interval(hours => ?)`, [SAMPLE_RETENTION_HOURS]);
  }

  private async evaluateRule(rule: AlertRule, value: number | null, ctx: RuleContext): Promise<void> {
    const { trx, now } = ctx;
    let alert = rule.currentAlertId ? await trx.findOne(Alert, { id: rule.currentAlertId }) : null;
    if (!rule.enabled) {
      if (rule.state !== 'INACTIVE') await this.retire(rule, alert, ctx);
      return;
    }
    const before: RuleState = {
      state: rule.state,
      severity: rule.severity ?? null,
      pendingSince: rule.pendingSince ?? null,
      recoveringSince: rule.recoveringSince ?? null,
      firingSince: alert?.state === 'FIRING' ? alert.startedAt : null,
      lastNotifiedAt: rule.lastNotifiedAt ?? null,
      acknowledged: Boolean(alert?.acknowledgedAt),
    };
    const { next, transition } = step(this.thresholdsOf(rule), before, value, now);
    rule.state = next.state;
    rule.severity = next.severity;
    rule.pendingSince = next.pendingSince;
    rule.recoveringSince = next.recoveringSince;
    rule.lastNotifiedAt = next.lastNotifiedAt;
    rule.evaluatedAt = now;
    if (value !== null) rule.value = value;
    if (rule.metric === 'WORKERS_ONLINE') {
      ctx.workersDown = rule.state === 'FIRING' ? rule.name : (ctx.workersDown ?? null);
    }

    const silenceEnded = Boolean(rule.silencedUntil && rule.silencedUntil <= now);
    if (silenceEnded) {
      rule.silencedUntil = null;
      rule.silenceReason = null;
      rule.silencedById = null;
    }
    const suppressed = this.suppression(rule, ctx);
    const inhibition = suppressed && suppressed !== 'SILENCED' ? suppressed : null;

    if (transition) {
      alert = this.applyToAlert(rule, alert, transition, value ?? rule.value ?? 0, now, ctx);
      if (alert.state === 'FIRING') alert.suppressedBy = inhibition;
      const event = NOTIFIED[transition];
      // A resolution is told only where the firing was.
      const tell = event !== undefined && !(transition === 'resolved' && !alert.notified);
      await this.record(rule, alert, transition, before.state, tell ? event : undefined, suppressed, ctx);
      if (rule.state === 'INACTIVE') rule.currentAlertId = null;
    } else if (alert?.state === 'FIRING') {
      if (alert.suppressedBy !== inhibition) {
        alert.suppressedBy = inhibition;
        ctx.pending.changed.push(alert);
      }
      // The end of a silence (or of an inhibition) tells what still fires and was kept quiet.
      if ((silenceEnded || !alert.notified) && !suppressed) {
        rule.lastNotifiedAt = now;
        await this.record(rule, alert, silenceEnded ? 'silence-ended' : 'unsuppressed', 'FIRING', 'alert.firing', null, ctx);
      }
    }
    if (alert?.state === 'FIRING') await this.escalateIfDue(rule, alert, suppressed, ctx);
  }

  /** Escalation: a CRITICAL left unacknowledged for `escalateAfterSeconds` calls a further channel, once. */
  private async escalateIfDue(rule: AlertRule, alert: Alert, suppressed: string | null, ctx: RuleContext): Promise<void> {
    const after = rule.escalateAfterSeconds;
    if (!rule.escalationChannelId || after === null || after === undefined) return;
    if (alert.severity !== 'CRITICAL' || alert.acknowledgedAt || alert.escalatedAt || !alert.criticalSince) return;
    if (ctx.now.getTime() - alert.criticalSince.getTime() < after * 1000) return;
    alert.escalatedAt = ctx.now;
    const channel = await ctx.trx.findOne(NotificationChannel, { id: rule.escalationChannelId, enabled: true });
    await this.record(rule, alert, 'escalation', 'FIRING', 'alert.escalated', suppressed, ctx, channel ? [channel] : []);
  }

  /** SILENCED, or the name of the rule inhibiting this one; null when it may notify. */
  private suppression(rule: AlertRule, ctx: RuleContext): string | null {
    if (rule.silencedUntil && rule.silencedUntil > ctx.now) return 'SILENCED';
    if (ctx.workersDown && INHIBITED_WITHOUT_WORKERS.has(rule.metric)) return ctx.workersDown;
    return null;
  }

  private applyToAlert(rule: AlertRule, current: Alert | null, transition: Transition, value: number, now: Date, ctx: RuleContext): Alert {
    const alert =
      current ??
      ctx.trx.create(Alert, { ruleId: rule.id, state: rule.state, severity: rule.severity ?? 'WARNING', value, startedAt: now, notified: false });
    alert.value = value;
    if (rule.severity) alert.severity = rule.severity;
    if (transition === 'pending') alert.state = 'PENDING';
    if (transition === 'fired') {
      alert.state = 'FIRING';
      alert.startedAt = now;
    }
    if (transition === 'fired' || transition === 'escalated') {
      if (alert.severity === 'CRITICAL') alert.criticalSince ??= now;
    }
    if (transition === 'escalated') {
      alert.acknowledgedAt = null;
      alert.acknowledgedById = null;
    }
    if (transition === 'deescalated') alert.criticalSince = null;
    if (transition === 'resolved' || transition === 'cancelled') {
      alert.state = 'INACTIVE';
      alert.resolvedAt = now;
    }
    return alert;
  }

  /**
   * Persists a transition (history) and, when it is told, one delivery per channel: the rule's
   * channels (every enabled channel when it names none), or `only` (the escalation channel).
   */
  private async record(
    rule: AlertRule,
    alert: Alert,
    kind: string,
    from: RuleState['state'],
    event: AlertEvent | undefined,
    suppressed: string | null,
    ctx: RuleContext,
    only?: NotificationChannel[],
  ): Promise<void> {
    const { trx, now } = ctx;
    if (alert.id === undefined) await trx.persistAndFlush(alert);
    rule.currentAlertId = alert.id;
    const tell = event !== undefined && !suppressed;
    const transition = trx.create(AlertTransition, {
      ruleId: rule.id,
      alertId: alert.id,
      kind,
      fromState: from,
      toState: rule.state,
      severity: alert.severity,
      value: alert.value,
      suppressed: event !== undefined ? suppressed : null,
      at: now,
    });
    await trx.persistAndFlush(transition);
    ctx.pending.transitions += 1;
    ctx.pending.changed.push(alert);
    if (!tell) return;
    if (event === 'alert.firing' || event === 'alert.escalated') alert.notified = true;
    const message = alertMessage(event, kind, rule, alert, now);
    for (const channel of only ?? this.channelsOf(rule, ctx)) {
      const delivery = trx.create(NotificationDelivery, {
        channelId: channel.id,
        alertId: alert.id,
        transitionId: transition.id,
        event,
        eventId: `msg_${transition.id}_${channel.id}`,
        payload: message as unknown as Record<string, unknown>,
      });
      await trx.persistAndFlush(delivery);
      ctx.pending.deliveryIds.push(delivery.id);
    }
  }

  private channelsOf(rule: AlertRule, ctx: RuleContext): NotificationChannel[] {
    const named = rule.channelIds.length > 0 ? ctx.channels.filter((c) => rule.channelIds.includes(c.id)) : ctx.channels;
    // A failing channel's own alert goes to the others.
    return rule.metric === 'FAILING_CHANNELS' ? named.filter((c) => !ctx.failing.has(c.id)) : named;
  }

  /** A rule disabled while pending or firing: its alert ends (told only where its firing was). */
  private async retire(rule: AlertRule, alert: Alert | null, ctx: RuleContext): Promise<void> {
    const from = rule.state;
    rule.state = 'INACTIVE';
    rule.severity = null;
    rule.pendingSince = null;
    rule.recoveringSince = null;
    if (alert) {
      const notified = alert.notified;
      alert.state = 'INACTIVE';
      alert.resolvedAt = ctx.now;
      await this.record(rule, alert, 'disabled', from, notified ? 'alert.resolved' : undefined, null, ctx);
    }
    rule.currentAlertId = null;
  }

  private thresholdsOf(rule: AlertRule): RuleThresholds {
    const memory = rule.metric === 'PROCESS_MEMORY_MB';
    return {
      direction: METRIC_DEFINITIONS[rule.metric].direction,
      warning: rule.warning ?? (memory ? this.config.memoryWarningMb : null),
      critical: rule.critical ?? (memory ? this.config.memoryCriticalMb : null),
      forSeconds: rule.forSeconds,
      recoveryMargin: rule.recoveryMargin,
      repeatIntervalSeconds: rule.repeatIntervalSeconds,
    };
  }
}

interface RuleContext {
  readonly trx: EntityManager;
  readonly now: Date;
  readonly pending: Pending;
  readonly channels: NotificationChannel[];
  readonly failing: ReadonlySet<number>;
  /** The name of the firing "workers online" rule, once evaluated. */
  workersDown: string | null;
}
