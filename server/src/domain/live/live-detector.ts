import { Client } from 'pg';
import type { Orm } from '../database/database';
import { withEntityManager } from '../database/entity-manager-scope';
import { readableError } from '../errors/readable-error';
import type { Logger } from '../logging/logger';
import { LIVE_BATCH_SIZE, type LiveCheckService } from './live-check.service';
import { CAUGHT_UP_LAG_MS, LIVE_CHECKER_LOCK, PAIR_CHANGES_CHANNEL } from './live-detection.types';

export interface LiveDetectorOptions {
  /** The database the dedicated listening session connects to. */
  databaseUrl: string;
  batchSize?: number;
  /** How often a standby asks for the lock: the failover time after the checker's session ends. */
  standbyRetryMs?: number;
  /** A check with no notification at all, in case one was lost with a connection. */
  idleCheckMs?: number;
  /** A pause after each full batch, so a huge backlog leaves the database room for the API's writes. */
  pauseBetweenFullBatchesMs?: number;
  /** Wait after a lost connection or a failed batch before trying again. */
  retryDelayMs?: number;
}

/** Health moved by batches is announced at most this often (the violations themselves go out with every batch). */
const HEALTH_MIN_GAP_MS = 250;

const DEFAULTS = { batchSize: LIVE_BATCH_SIZE, standbyRetryMs: 2_000, idleCheckMs: 5_000, pauseBetweenFullBatchesMs: 20, retryDelayMs: 1_000 };

/**
 * One live incremental checker however many workers run, with failover. Every worker runs a
 * detector; the one whose dedicated session holds `LIVE_CHECKER_LOCK` is the checker, the others
 * are standbys asking for the lock every `standbyRetryMs`. PostgreSQL releases a session lock the
 * moment the session ends (a `kill -9`ed worker's socket closes; a vanished host is found by the TCP
 * keepalives set below in ~11 s), so a standby takes over within seconds. The same session LISTENs:
 * notifications wake the checker, the captured rows are the work, and whatever was written while no
 * checker listened is waiting in `pair_changes` for the next.
 *
 * The checker takes changes in batches of `batchSize`: a burst arriving during a batch is one wake-up
 * for the next, so a bulk update of 100,000 rows is a handful of batches.
 */
export class LiveDetector {
  private readonly options: Required<Omit<LiveDetectorOptions, 'databaseUrl'>> & { databaseUrl: string };
  private stopping = false;
  private session: Client | null = null;
  private wake: (() => void) | null = null;
  private pending = false;
  private loop: Promise<void> | null = null;
  private leading = false;
  private lagging = false;
  /** A batch changed violations since the health was last announced. */
  private healthDue = false;
  private lastHealthAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly orm: Orm,
    private readonly checks: Pick<LiveCheckService, 'checkBatch' | 'announceHealth'>,
    private readonly logger: Logger,
    options: LiveDetectorOptions,
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** True while this process is the live checker. */
  get isChecker(): boolean {
    return this.leading;
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Stops checking (a batch in flight commits first) and gives the lock to a standby. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.nudge();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.serve();
      } catch (error) {
        if (!this.stopping) this.logger.warn({ err: readableError(error) }, 'live detection: session lost, reconnecting');
      } finally {
        await this.endSession();
      }
      if (!this.stopping) await this.sleep(this.options.retryDelayMs);
    }
  }

  /** One session: standby until the lock is ours, then check until the session ends or we stop. */
  private async serve(): Promise<void> {
    const session = new Client({ connectionString: this.options.databaseUrl, keepAlive: true, keepAliveInitialDelayMillis: 5_000 });
    this.session = session;
    let lost: Error | null = null;
    session.on('error', (error) => {
      lost = error;
      this.nudge();
    });
    session.on('end', () => {
      lost ??= new Error('the listening session ended');
      this.nudge();
    });
    session.on('notification', () => this.nudge());
    await session.connect();
    // The server notices a vanished peer within ~11 s instead of hours, and frees the lock.
    await session.query('set tcp_keepalives_idle = 5; set tcp_keepalives_interval = 2; set tcp_keepalives_count = 3');
    while (!this.stopping) {
      const { rows } = await session.query<{ locked: boolean }>('select pg_try_advisory_lock($1, $2) as locked', [...LIVE_CHECKER_LOCK]);
      if (rows[0]!.locked) break;
      await this.sleep(this.options.standbyRetryMs);
      if (lost) throw lost;
    }
    if (this.stopping) return;
    await session.query(`listen ${PAIR_CHANGES_CHANNEL}`);
    this.leading = true;
    this.lagging = false;
    this.logger.info('live detection: this worker is the incremental checker');
    await this.announceHealth();
    while (!this.stopping && !lost) {
      this.pending = false;
      const full = await this.checkOnce();
      const sinceHealth = Date.now() - this.lastHealthAt;
      if (this.healthDue && sinceHealth >= HEALTH_MIN_GAP_MS) await this.announceHealth();
      if (full === 'failed') await this.sleep(this.options.retryDelayMs);
      else if (full) await this.sleep(this.options.pauseBetweenFullBatchesMs);
      // Idle with the health still due: back soon (or at the next notification) to announce it.
      else if (!this.pending) await this.sleep(this.healthDue ? HEALTH_MIN_GAP_MS - sinceHealth : this.options.idleCheckMs);
    }
    if (lost) throw lost;
  }

  /** One batch: true when it was full (more wait), false when caught up, 'failed' to retry (nothing is lost: the claim rolled back). */
  private async checkOnce(): Promise<boolean | 'failed'> {
    try {
      const result = await withEntityManager(this.orm, () => this.checks.checkBatch(this.options.batchSize));
      if (result.opened.length > 0 || result.resolvedIds.length > 0) this.healthDue = true;
      const full = result.changes >= this.options.batchSize;
      const lagging = full && result.oldestChangeAt !== null && Date.now() - result.oldestChangeAt.getTime() > CAUGHT_UP_LAG_MS;
      if (lagging !== this.lagging) {
        this.lagging = lagging;
        await this.announceHealth();
      }
      return full;
    } catch (error) {
      this.logger.error({ err: readableError(error) }, 'live detection: a batch failed; its changes wait for the retry');
      return 'failed';
    }
  }

  private async endSession(): Promise<void> {
    const session = this.session;
    this.session = null;
    const wasLeading = this.leading;
    this.leading = false;
    if (!session) return;
    // Released before the health is announced, so the announcement already reads OFF (ending the
    // session would release it too, a moment later).
    if (wasLeading) await session.query('select pg_advisory_unlock($1, $2)', [...LIVE_CHECKER_LOCK]).catch(() => undefined);
    await session.end().catch(() => undefined);
    if (wasLeading) {
      this.logger.info('live detection: this worker stopped being the incremental checker');
      await this.announceHealth().catch(() => undefined);
    }
  }

  private announceHealth(): Promise<void> {
    this.healthDue = false;
    this.lastHealthAt = Date.now();
    return withEntityManager(this.orm, () => this.checks.announceHealth());
  }

  /** Wakes the loop from its sleep: a notification, a lost session or stop. */
  private nudge(): void {
    this.pending = true;
    this.wake?.();
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.wake === done) this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
