import type { AlertEvaluator } from '../../domain/alerts/alert-evaluator';
import type { Orm } from '../../domain/database/database';
import { outsideUnitOfWork, withEntityManager } from '../../domain/database/entity-manager-scope';
import { query } from '../../domain/database/sql';
import type { Logger } from '../../domain/logging/logger';

/** Evaluations this many intervals overdue mean no worker evaluates. */
const OVERDUE_INTERVALS = 3;

/**
 * The API's fallback for the one alert no worker can raise: when every worker is gone, nobody
 * evaluates (the "workers online" rule would never fire). Each API replica looks at the latest
 * evaluation every interval; when it is overdue, it evaluates itself (the evaluator's advisory lock
 * keeps it to one at a time, workers included), and its own notification worker delivers.
 */
export class AlertWatchdog {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly orm: Orm,
    private readonly evaluator: Pick<AlertEvaluator, 'evaluate'>,
    private readonly evaluationSeconds: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.timer) return;
    outsideUnitOfWork(() => {
      this.timer = setInterval(() => void this.tick(), this.evaluationSeconds * 1000);
      this.timer.unref();
    });
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One look: evaluates when the workers' evaluations are overdue. Returns whether it evaluated. */
  async tick(): Promise<boolean> {
    if (this.running) return false;
    let evaluated = false;
    this.running = withEntityManager(this.orm, async () => {
      const [row] = await query<{ overdue: boolean }>(
        this.orm.em,
        `select coalesce(max(evaluated_at) < now() - make_interval(secs => ?), true) as overdue from alert_rules where enabled`,
        [this.evaluationSeconds * OVERDUE_INTERVALS],
      );
      if (!row?.overdue) return;
      this.logger.warn('alert evaluations are overdue (no worker evaluates): evaluating from the API');
      evaluated = (await this.evaluator.evaluate()).ran;
    })
      .catch((error: Error) => this.logger.error({ err: error.message }, 'watchdog evaluation failed'))
      .finally(() => {
        this.running = null;
      });
    await this.running;
    return evaluated;
  }
}
