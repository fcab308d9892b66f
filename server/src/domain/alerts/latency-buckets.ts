/** Upper bounds (ms) of the latency histogram each API process writes per 10-second bucket; the last is +Inf. */
export const LATENCY_BOUNDS_MS = [5, 10, 25, 50, 75, 100, 150, 200, 250, 300, 400, 500, 750, 1000, 2500, 5000, 10000, Infinity];

/** The bucket index a latency falls in. */
export function latencyBucket(ms: number): number {
  const index = LATENCY_BOUNDS_MS.findIndex((bound) => ms <= bound);
  return index < 0 ? LATENCY_BOUNDS_MS.length - 1 : index;
}

/**
 * A quantile from summed histogram counts, interpolated linearly inside its bucket (as Prometheus'
 * histogram_quantile does); null without observations. The open last bucket answers its lower bound.
 */
export function quantileFromCounts(counts: readonly number[], q: number): number | null {
  const total = counts.reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < counts.length; i += 1) {
    const n = counts[i] ?? 0;
    if (seen + n >= rank && n > 0) {
      const lower = i === 0 ? 0 : LATENCY_BOUNDS_MS[i - 1]!;
      const upper = LATENCY_BOUNDS_MS[i]!;
      if (!Number.isFinite(upper)) return lower;
      return lower + ((upper - lower) * (rank - seen)) / n;
    }
    seen += n;
  }
  return LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 2]!;
}
