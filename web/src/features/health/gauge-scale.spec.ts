import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gaugeFloor, gaugeStops, rateToArc } from './gauge-scale';

const defaults = { healthy: 0.99, degraded: 0.95 };

describe('rateToArc', () => {
  it('puts the thresholds where the arc has room for them', () => {
    expect(rateToArc(0, defaults)).toBe(0);
    expect(rateToArc(0.9, defaults)).toBeCloseTo(0.2, 10);
    expect(rateToArc(0.95, defaults)).toBeCloseTo(0.45, 10);
    expect(rateToArc(0.99, defaults)).toBeCloseTo(0.85, 10);
    expect(rateToArc(1, defaults)).toBe(1);
  });

  it('keeps 99 % well clear of the end cap and tells Degraded from Critical at a glance', () => {
    // On a linear arc these were 0.99, 0.938 and 0.970: 3 % of the arc apart.
    expect(1 - rateToArc(0.99, defaults)).toBeGreaterThan(0.1);
    expect(rateToArc(0.97, defaults) - rateToArc(0.938, defaults)).toBeGreaterThan(0.2);
    expect(rateToArc(0.995, defaults)).toBeCloseTo(0.925, 10);
  });

  it('is monotonic and stays within the arc for any thresholds', () => {
    const thresholds = fc
      .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
      .map(([a, b]) => ({ healthy: Math.max(a, b), degraded: Math.min(a, b) }));
    fc.assert(
      fc.property(thresholds, fc.double({ min: -0.5, max: 1.5, noNaN: true }), fc.double({ min: -0.5, max: 1.5, noNaN: true }), (t, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const [arcLow, arcHigh] = [rateToArc(low, t), rateToArc(high, t)];
        expect(arcLow).toBeLessThanOrEqual(arcHigh + 1e-12);
        expect(arcLow).toBeGreaterThanOrEqual(0);
        expect(arcHigh).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('follows thresholds configured on the server', () => {
    const custom = { healthy: 0.9, degraded: 0.8 };
    expect(gaugeFloor(custom)).toBeCloseTo(0.675, 10);
    expect(rateToArc(0.8, custom)).toBeCloseTo(0.45, 10);
    expect(rateToArc(0.9, custom)).toBeCloseTo(0.85, 10);
  });

  it('collapses a band that degenerate thresholds leave empty, keeping both ends of the arc', () => {
    const stops = gaugeStops({ healthy: 1, degraded: 0.95 });
    expect(stops.map((s) => s.rate)).toEqual([0, 0.8875, 0.95, 1]);
    expect(stops.at(-1)).toEqual({ rate: 1, arc: 1 });
    expect(rateToArc(0, { healthy: 0.5, degraded: 0 })).toBe(0);
  });
});
