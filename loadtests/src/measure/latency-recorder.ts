/** One completed request: when it finished (ms since the run started), how long it took, whether it succeeded. */
export interface Sample {
  atMs: number;
  latencyMs: number;
  ok: boolean;
}

export interface LatencySummary {
  count: number;
  ok: number;
  failed: number;
  failureRate: number;
  /** Successful requests per second over the measured window. */
  throughput: number;
  durationS: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface SecondBucket {
  second: number;
  count: number;
  failed: number;
  p50: number;
  p99: number;
}

/**
 * Keeps every sample (a bench run produces at most a few hundred thousand), so percentiles are
 * exact and the report can draw histograms and per-second series from the raw data.
 */
export class LatencyRecorder {
  private readonly samples: Sample[] = [];
  /** performance.now() when recording began; sample times are relative to it. */
  readonly startedAt = performance.now();
  private stoppedAt: number | undefined;

  /** Failures by kind: 'timeout', 'connection', 'http 503', a GraphQL error code… */
  readonly failureKinds = new Map<string, number>();

  record(latencyMs: number, ok: boolean, failureKind?: string): void {
    this.samples.push({ atMs: performance.now() - this.startedAt, latencyMs, ok });
    if (!ok) this.failureKinds.set(failureKind ?? 'unknown', (this.failureKinds.get(failureKind ?? 'unknown') ?? 0) + 1);
  }

  /** "timeout ×3, INTERNAL_SERVER_ERROR ×1", or "none". */
  describeFailures(): string {
    const kinds = [...this.failureKinds.entries()].sort((a, b) => b[1] - a[1]);
    return kinds.length ? kinds.map(([k, n]) => `${k} ×${n}`).join(', ') : 'none';
  }

  stop(): void {
    this.stoppedAt ??= performance.now();
  }

  get all(): readonly Sample[] {
    return this.samples;
  }

  summary(): LatencySummary {
    const durationS = ((this.stoppedAt ?? performance.now()) - this.startedAt) / 1000;
    const okSamples = this.samples.filter((s) => s.ok);
    const sorted = Float64Array.from(okSamples, (s) => s.latencyMs).sort();
    const failed = this.samples.length - okSamples.length;
    return {
      count: this.samples.length,
      ok: okSamples.length,
      failed,
      failureRate: this.samples.length ? failed / this.samples.length : 0,
      throughput: durationS > 0 ? okSamples.length / durationS : 0,
      durationS,
      mean: sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : 0,
      p50: percentile(sorted, 0.5),
      p95: percentile(sorted, 0.95),
      p99: percentile(sorted, 0.99),
      max: sorted.length ? sorted[sorted.length - 1]! : 0,
    };
  }

  perSecond(): SecondBucket[] {
    const buckets = new Map<number, Sample[]>();
    for (const s of this.samples) {
      const second = Math.floor(s.atMs / 1000);
      let bucket = buckets.get(second);
      if (!bucket) buckets.set(second, (bucket = []));
      bucket.push(s);
    }
    return [...buckets.entries()]
      .sort(([a], [b]) => a - b)
      .map(([second, list]) => {
        const sorted = Float64Array.from(
          list.filter((s) => s.ok),
          (s) => s.latencyMs,
        ).sort();
        return { second, count: list.length, failed: list.filter((s) => !s.ok).length, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
      });
  }
}

export function percentile(sorted: Float64Array | number[], q: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index]!;
}
