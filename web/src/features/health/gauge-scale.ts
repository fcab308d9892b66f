export interface HealthThresholds {
  /** At or above: HEALTHY. */
  healthy: number;
  /** At or above (and below `healthy`): DEGRADED; below: CRITICAL. */
  degraded: number;
}

/** A rate and the share of the arc (0..1) it sits at. */
export interface GaugeStop {
  rate: number;
  arc: number;
}

/**
 * Where the thresholds sit on the arc. A linear 0–100 % arc spends 95 % of itself on rates nobody
 * runs at and crowds the states into its last degrees (97 % Degraded looks like 94 % Critical).
 * Here 0 % up to the floor (90 % by default) takes a fifth of the arc, the rest of Critical a
 * quarter, Degraded two fifths and Healthy the last 15 %, so 99 % stays clear of the end cap.
 */
const ARC_AT = { floor: 0.2, degraded: 0.45, healthy: 0.85 } as const;

/** The rate the compressed band ends at: as far below `degraded` as 1.25 × the Degraded band. */
export function gaugeFloor({ healthy, degraded }: HealthThresholds): number {
  return Math.max(0, degraded - 1.25 * (healthy - degraded));
}

/** The scale's breakpoints, strictly increasing in both rate and arc. */
export function gaugeStops(thresholds: HealthThresholds): GaugeStop[] {
  const stops: GaugeStop[] = [
    { rate: 0, arc: 0 },
    { rate: gaugeFloor(thresholds), arc: ARC_AT.floor },
    { rate: thresholds.degraded, arc: ARC_AT.degraded },
    { rate: thresholds.healthy, arc: ARC_AT.healthy },
    { rate: 1, arc: 1 },
  ];
  // Degenerate thresholds (healthy = 1, healthy = degraded, degraded = 0) collapse a band: keep the
  // earlier stop, except at 100 %, which is always the end of the arc.
  const kept: GaugeStop[] = [];
  for (const stop of stops) {
    const last = kept.at(-1);
    if (!last || stop.rate > last.rate) kept.push(stop);
    else if (stop.rate === 1) kept[kept.length - 1] = stop;
  }
  return kept;
}

/** Piecewise-linear and monotonic: the share of the arc (0..1) a rate (clamped to 0..1) is drawn to. */
export function rateToArc(rate: number, thresholds: HealthThresholds): number {
  const stops = gaugeStops(thresholds);
  const r = Math.max(0, Math.min(1, rate));
  for (let i = 1; i < stops.length; i += 1) {
    const [from, to] = [stops[i - 1]!, stops[i]!];
    if (r <= to.rate) return from.arc + ((r - from.rate) / (to.rate - from.rate)) * (to.arc - from.arc);
  }
  return 1;
}
