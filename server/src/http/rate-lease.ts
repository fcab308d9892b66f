import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

export type RateVerdict = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

const ALLOWED: RateVerdict = { allowed: true };
/** A lease is at most this share of what is left of the key's window (and of its whole budget). */
const LEASE_SHARE = 10;
/** Expired leases are swept once this many keys have been leased since the last sweep. */
const SWEEP_EVERY = 1_000;

interface Lease {
  /** Points reserved in the shared counter and not yet handed out here. */
  left: number;
  /** What the shared counter had left after the last reservation: the next lease is sized from it. */
  remaining: number;
  /** The last reservation's size: the next one doubles it, so a lease follows the key's demand. */
  size: number;
  /** The end of the shared counter's window; the lease goes with it. */
  expiresAt: number;
}

/**
 * A shared fixed-window budget (one counter per key in Redis) taken from in leases, so that most
 * requests are decided in this process without a round trip. A lease reserves points in the shared
 * counter with one atomic increment and hands them out here until they are gone or the window ends.
 *
 * Leases start at one point and double with each reservation in a window, capped at a tenth of what
 * the window has left (so they shrink to one point as it fills): a key's requests make about log2(n)
 * round trips per window on a replica instead of n.
 *
 * The error bound: nothing is ever admitted beyond the shared limit (every point handed out was
 * reserved first, and an increment that crosses the limit keeps only the points below it). A key may
 * be refused early while other replicas still hold leased points it did not use: per other replica at
 * most ⌈limit / 10⌉, and at most about what that replica handed out of the key in the window (its last
 * lease is at most one more than all its earlier ones). A replica that stops holds its unused points
 * until the window ends (≤ 60 s).
 */
export class LeasedCounter {
  private readonly leases = new Map<string, Lease>();
  private readonly refills = new Map<string, Promise<void>>();
  private leasedSinceSweep = 0;

  constructor(
    private readonly shared: RateLimiterAbstract,
    private readonly limit: number,
    private readonly now: () => number = Date.now,
  ) {}

  async take(key: string, points = 1): Promise<RateVerdict> {
    for (;;) {
      const lease = this.current(key);
      if (lease && lease.left >= points) {
        lease.left -= points;
        return ALLOWED;
      }
      const pending = this.refills.get(key);
      if (pending) {
        // Another request of this key is reserving already: share its lease rather than reserve twice.
        await pending;
        continue;
      }
      if (lease && lease.remaining <= 0 && lease.left < points) return this.refused(lease);
      let verdict: RateVerdict | undefined;
      const refill = this.reserve(key, points, lease).then((outcome) => {
        verdict = outcome;
      });
      this.refills.set(key, refill);
      try {
        await refill;
      } finally {
        this.refills.delete(key);
      }
      return verdict!;
    }
  }

  /** Keys holding a lease (for tests and diagnostics). */
  get leasedKeys(): number {
    return this.leases.size;
  }

  private current(key: string): Lease | undefined {
    const lease = this.leases.get(key);
    if (lease && lease.expiresAt <= this.now()) {
      this.leases.delete(key);
      return undefined;
    }
    return lease;
  }

  private async reserve(key: string, points: number, lease: Lease | undefined): Promise<RateVerdict> {
    const held = lease?.left ?? 0;
    const remaining = lease?.remaining ?? this.limit;
    // One point first, then twice the last lease, never more than a tenth of what is left: a replica
    // reserves about what its clients of that key used, and little once the window is nearly spent.
    const grown = lease ? lease.size * 2 : 1;
    const wanted = Math.max(points - held, Math.min(grown, Math.ceil(this.limit / LEASE_SHARE), Math.floor(remaining / LEASE_SHARE)));
    let result: RateLimiterRes;
    let granted: number;
    try {
      result = await this.shared.consume(key, wanted);
      granted = wanted;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      result = rejection;
      // The increment took the counter from consumed − wanted to consumed: the points up to the limit are ours.
      granted = Math.max(0, Math.min(wanted, this.limit - (result.consumedPoints - wanted)));
    }
    const next: Lease = { left: held + granted, remaining: Math.max(0, result.remainingPoints), size: wanted, expiresAt: this.now() + result.msBeforeNext };
    this.leases.set(key, next);
    this.sweepNow();
    if (next.left < points) return this.refused(next);
    next.left -= points;
    return ALLOWED;
  }

  private refused(lease: Lease): RateVerdict {
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((lease.expiresAt - this.now()) / 1000)) };
  }

  private sweepNow(): void {
    if (++this.leasedSinceSweep < SWEEP_EVERY) return;
    this.leasedSinceSweep = 0;
    const now = this.now();
    for (const [key, lease] of this.leases) if (lease.expiresAt <= now) this.leases.delete(key);
  }
}
