import { publishSafely } from '../events/publish-safely';
import { TOPICS, type EventPublisher } from '../events/topics';
import type { ChangedPairsResult, ConsistencyScanRepository } from '../integrity/consistency-scan.repository';
import type { PreparedStatement } from '../database/sql';
import type { HealthService } from '../integrity/health.service';
import type { IntegrityStatsRepository } from '../integrity/integrity-stats.repository';
import type { Logger } from '../logging/logger';

/** Captured changes claimed per batch: a 100,000-row bulk update is checked in five statements. */
export const LIVE_BATCH_SIZE = 20_000;

/**
 * The incremental check: one batch of captured changes, checked by the consistency scan's own rule
 * and statement owner, then announced: the violations opened and resolved (`violationsChanged`),
 * and the health they move (`healthStatusChanged`, see `announceHealth`). Stored first, announced after, best effort:
 * a lost event is made good by the subscriber's refetch after a reconnect.
 */
export class LiveCheckService {
  private statement: Promise<PreparedStatement> | null = null;

  constructor(
    private readonly scan: Pick<ConsistencyScanRepository, 'prepareChangedPairsStatement' | 'checkChangedPairs'>,
    private readonly stats: Pick<IntegrityStatsRepository, 'openViolations'>,
    private readonly health: Pick<HealthService, 'invalidate' | 'status'>,
    private readonly events: EventPublisher,
    private readonly logger?: Logger,
  ) {}

  /**
   * Checks the oldest `limit` waiting changes and announces the violations it opened or resolved; a
   * result with `changes < limit` means none were left. The health they move is announced by the
   * caller (`announceHealth`), at most a few times a second however fast the batches come.
   */
  async checkBatch(limit = LIVE_BATCH_SIZE): Promise<ChangedPairsResult> {
    this.statement ??= this.scan.prepareChangedPairsStatement();
    const result = await this.scan.checkChangedPairs(await this.statement, limit);
    if (result.opened.length > 0 || result.resolvedIds.length > 0) {
      const openCount = await this.stats.openViolations();
      await publishSafely(
        this.events,
        TOPICS.VIOLATIONS_CHANGED,
        { opened: result.opened, resolved: result.resolvedIds, openCount, detectedAt: new Date() },
        this.logger,
      );
    }
    return result;
  }

  /** The health as it stands now (after a batch, or when live detection starts, lags, catches up or stops). */
  async announceHealth(): Promise<void> {
    this.health.invalidate();
    await publishSafely(this.events, TOPICS.HEALTH_STATUS_CHANGED, () => this.health.status(), this.logger);
  }
}
