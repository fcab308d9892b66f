import { AuditRetentionService } from './audit/audit-retention.service';
import { AuditRepository } from './audit/audit.repository';
import { AuditService } from './audit/audit.service';
import { AlertEvaluator } from './alerts/alert-evaluator';
import { AlertMetricsRepository } from './alerts/alert-metrics.repository';
import { AlertsService } from './alerts/alerts.service';
import { NotificationDeliveryService } from './alerts/notification-delivery.service';
import { AuthService } from './auth/auth.service';
import { PasswordHasher } from './auth/password-hasher';
import { SessionsService } from './auth/sessions.service';
import { TokenService } from './auth/token.service';
import type { DomainConfig } from './config/domain-config';
import type { Orm } from './database/database';
import { NO_EVENT_PUBLISHER } from './events/no-event-publisher';
import type { EventPublisher } from './events/topics';
import { CheckRequestsService } from './integrity/check-requests.service';
import { CheckRunLifecycle } from './integrity/check-run-lifecycle.service';
import { CheckRunRepository } from './integrity/check-run.repository';
import { ConsistencyScanRepository } from './integrity/consistency-scan.repository';
import { HealthService } from './integrity/health.service';
import { IntegrityCheckService } from './integrity/integrity-check.service';
import { IntegrityReadService } from './integrity/integrity-read.service';
import { IntegrityStatsRepository } from './integrity/integrity-stats.repository';
import { RepairPreviewService } from './integrity/repair-preview.service';
import { RepairRepository } from './integrity/repair.repository';
import { RepairService } from './integrity/repair.service';
import { ViolationRepository } from './integrity/violation.repository';
import { NO_ALERT_JOBS, type AlertJobs } from './jobs/alert-jobs';
import type { IntegrityJobs } from './jobs/integrity-jobs';
import type { Logger } from './logging/logger';
import { NO_JOB_QUEUE } from './jobs/no-job-queue';
import { LevelTable } from './levels/level-table';
import { LiveCheckService } from './live/live-check.service';
import { LiveDetectionRepository } from './live/live-detection.repository';
import { IdempotencyRetentionService } from './progress/idempotency-retention.service';
import { IdempotencyRepository } from './progress/idempotency.repository';
import { ProgressRepository } from './progress/progress.repository';
import { ProgressService } from './progress/progress.service';
import { UserRepository } from './users/user.repository';
import { UsersService } from './users/users.service';

/**
 * The domain's composition: one instance of each service, shared by the API and the workers. Only
 * the composition roots (the process entry points and the test support) hold it; each of them hands
 * every consumer the few services it uses.
 */
export interface DomainServices {
  readonly levels: LevelTable;
  readonly tokens: TokenService;
  /** Whether a token's session is alive (active account, current session version), cached per replica for seconds. */
  readonly sessions: SessionsService;
  readonly auth: AuthService;
  /** The append-only audit trail: entries recorded with the changes they describe, pages of it. */
  readonly audit: AuditService;
  /** Deletes audit entries past AUDIT_RETENTION_DAYS (called by the maintenance job). */
  readonly auditRetention: AuditRetentionService;
  /** "Check now" and "sync now" asked for by a person, audited. */
  readonly checkRequests: CheckRequestsService;
  readonly users: UsersService;
  readonly progress: ProgressService;
  /** Purges idempotency records past their retention (called by the maintenance job). */
  readonly idempotencyRetention: IdempotencyRetentionService;
  /** Where results are announced after they are stored (Redis pub/sub, in-process, or nowhere). */
  readonly events: EventPublisher;
  /** The integrity job queue: its schedule, depth and workers (the check-run lifecycle adds the jobs). */
  readonly jobs: IntegrityJobs;
  /** The one owner of check-run state: "check now", and every transition of a run a job fills. */
  readonly checkRuns: CheckRunLifecycle;
  /** Runs integrity checks (called by the check job). */
  readonly integrity: IntegrityCheckService;
  /** Auto-sync (called by the auto-sync job) and on-demand resync. */
  readonly repairs: RepairService;
  /** What a resync would change, from the plan it applies (read-only). */
  readonly repairPreview: RepairPreviewService;
  /** Cached health status and metrics; `invalidate()` when a run or repair event arrives. */
  readonly health: HealthService;
  /** Pages of violations, check runs and repairs. */
  readonly integrityReads: IntegrityReadService;
  /** Live detection's incremental check of captured changes (run by a worker's `LiveDetector`). */
  readonly liveChecks: LiveCheckService;
  /** Rules, channels, silences, acknowledgements, test notifications and the alert reads. */
  readonly alerts: AlertsService;
  /** The one writer of alert state (called by the evaluation job). */
  readonly alertEvaluator: AlertEvaluator;
  /** Sends and logs notification deliveries (called by the notification job). */
  readonly notificationDeliveries: NotificationDeliveryService;
}

/** Adapters the process plugs into the domain (the domain defines the ports, never the transports). */
export interface DomainPorts {
  readonly events?: EventPublisher;
  readonly jobs?: IntegrityJobs;
  /** The alert evaluation and notification queues. */
  readonly alertJobs?: AlertJobs;
  /** Where the domain logs what no caller sees (a miss of live detection found by the sweep). */
  readonly logger?: Logger;
}

export async function createDomainServices(config: DomainConfig, orm: Orm, ports: DomainPorts = {}): Promise<DomainServices> {
  const events = ports.events ?? NO_EVENT_PUBLISHER;
  const jobs = ports.jobs ?? NO_JOB_QUEUE;
  const alertJobs = ports.alertJobs ?? NO_ALERT_JOBS;
  const notificationDeliveries = new NotificationDeliveryService(orm, config.alerts, ports.logger);
  const hasher = new PasswordHasher();
  const userRepository = new UserRepository(orm);
  const tokens = new TokenService(config.jwt);
  const auditEntries = new AuditRepository(orm);
  const audit = new AuditService(orm, auditEntries, events, ports.logger);
  const sessions = new SessionsService(orm, tokens, userRepository, events, config.sessionCheckSeconds, ports.logger);
  const levels = await LevelTable.load(orm);
  const checkRuns = new CheckRunRepository(orm);
  const repairRepository = new RepairRepository(orm);
  const stats = new IntegrityStatsRepository(orm);
  const health = new HealthService(checkRuns, stats, jobs, new LiveDetectionRepository(orm), config.health);
  const idempotency = new IdempotencyRepository();
  const lifecycle = new CheckRunLifecycle(checkRuns, jobs, health, events);
  const scan = new ConsistencyScanRepository(orm, levels);
  const integrity = new IntegrityCheckService(lifecycle, scan, config.health, ports.logger);
  return {
    levels,
    tokens,
    sessions,
    auth: new AuthService(userRepository, hasher, tokens, audit, sessions),
    audit,
    auditRetention: new AuditRetentionService(audit, auditEntries, config.auditRetentionDays),
    checkRequests: new CheckRequestsService(lifecycle, audit),
    users: new UsersService(userRepository, hasher, audit, sessions),
    progress: new ProgressService(new ProgressRepository(orm), idempotency, userRepository, audit),
    idempotencyRetention: new IdempotencyRetentionService(orm, idempotency, config.idempotencyRetentionHours),
    events,
    jobs,
    checkRuns: lifecycle,
    integrity,
    repairs: new RepairService(repairRepository, lifecycle, integrity, health, levels, events, audit),
    repairPreview: new RepairPreviewService(repairRepository, levels),
    health,
    integrityReads: new IntegrityReadService(new ViolationRepository(orm), checkRuns, repairRepository),
    liveChecks: new LiveCheckService(scan, stats, health, events, ports.logger),
    alerts: new AlertsService(orm, notificationDeliveries, audit, alertJobs, events, ports.logger),
    alertEvaluator: new AlertEvaluator(orm, new AlertMetricsRepository(orm, jobs, config.alerts.databaseCapacityBytes), alertJobs, events, config.alerts, ports.logger),
    notificationDeliveries,
  };
}
