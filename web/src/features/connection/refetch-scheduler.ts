export interface RefetchTiming {
  /** Requests this close together become one refetch (a repair's answer and its pushed event). */
  coalesceMs: number;
  /** During a burst (an admin repairing one row after another), at most one refetch per this gap. */
  minGapMs: number;
  /** First wait before retrying a refetch that failed; doubled each time up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
}

export const defaultRefetchTiming: RefetchTiming = { coalesceMs: 100, minGapMs: 1_000, retryBaseMs: 1_000, retryMaxMs: 30_000 };

/**
 * Decides when one live query refetches. Requests close together become one refetch; a request that
 * arrives while an answer is on its way runs again once it is in (that answer may predate the event);
 * a refetch that failed is retried with backoff until one succeeds, so no panel stays behind an
 * event it was told about.
 */
export class RefetchScheduler {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private fetching = false;
  private queued = false;
  /** The fetch in flight was started here (not by a first load or new variables). */
  private ours = false;
  private lastStartedAt = Number.NEGATIVE_INFINITY;
  private failures = 0;

  constructor(
    private readonly refetch: () => void,
    private readonly timing: RefetchTiming = defaultRefetchTiming,
  ) {}

  /** Something this query shows may have changed. */
  request(): void {
    if (this.fetching) {
      this.queued = true;
      return;
    }
    this.schedule(Math.max(this.timing.coalesceMs, this.lastStartedAt + this.timing.minGapMs - Date.now()));
  }

  /**
   * The query's state, each time it renders a new one: fetching (a first load, new variables), or an
   * answer. A quick answer may never render as fetching, so a refetch started here counts as
   * fetching from the moment it is sent.
   */
  observe(fetching: boolean, failed: boolean): void {
    if (fetching) {
      this.fetching = true;
      return;
    }
    if (!this.fetching) return;
    this.fetching = false;
    const wasOurs = this.ours;
    this.ours = false;
    if (failed && wasOurs) {
      this.failures += 1;
      this.queued = false;
      this.schedule(Math.min(this.timing.retryBaseMs * 2 ** (this.failures - 1), this.timing.retryMaxMs));
      return;
    }
    if (!failed) this.failures = 0;
    if (this.queued) {
      this.queued = false;
      this.request();
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(delayMs: number): void {
    if (this.timer !== undefined) return; // the refetch already scheduled covers this request
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.fetching) {
        this.queued = true;
        return;
      }
      this.fetching = true;
      this.ours = true;
      this.lastStartedAt = Date.now();
      this.refetch();
    }, delayMs);
  }
}
