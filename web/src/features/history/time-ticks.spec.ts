import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { timeTicks } from './time-ticks';

const at = (hours: number, minutes: number, seconds = 0, date = 2) => new Date(2026, 11, date, hours, minutes, seconds).getTime();

describe('timeTicks', () => {
  it('labels a two-minute span without repeating "12:56"', () => {
    const ticks = timeTicks(at(12, 55, 10), at(12, 56, 50), 6);
    const labels = ticks.map((tick) => tick.label);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels).toEqual(['12:55:30', '12:56:00', '12:56:30']);
  });

  it('chooses the spacing from the span: whole minutes, then hours', () => {
    expect(timeTicks(at(12, 0), at(12, 40), 6).map((t) => t.label)).toEqual(['12:00', '12:10', '12:20', '12:30', '12:40']);
    expect(timeTicks(at(9, 20), at(17, 5), 6).map((t) => t.label)).toEqual(['10:00', '12:00', '14:00', '16:00']);
  });

  it('names the day once the span reaches a day, so 12:00 on two days stays two labels', () => {
    const labels = timeTicks(at(6, 0, 0, 1), at(6, 0, 0, 3), 5).map((t) => t.label);
    expect(labels).toEqual(['01 Dec, 12:00', '02 Dec, 00:00', '02 Dec, 12:00', '03 Dec, 00:00']);
    expect(timeTicks(at(0, 0, 0, 1), at(0, 0, 0, 20), 5).map((t) => t.label).every((label) => /^\d{2} \w{3}$/.test(label))).toBe(true);
  });

  it('fits the number of ticks asked for and keeps them inside the span', () => {
    const ticks = timeTicks(at(0, 0), at(23, 0), 4);
    expect(ticks.length).toBeLessThanOrEqual(4);
    for (const tick of ticks) expect(tick.time).toBeGreaterThanOrEqual(at(0, 0));
  });

  it('labels a single run with its own time', () => {
    expect(timeTicks(at(8, 30), at(8, 30), 6)).toEqual([{ time: at(8, 30), label: '08:30' }]);
  });

  it('never repeats a label, never goes outside the span and never exceeds the budget, for any span', () => {
    const start = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) });
    const span = fc.oneof(fc.integer({ min: 0, max: 10 * 60_000 }), fc.integer({ min: 0, max: 3 * 86_400_000 }), fc.integer({ min: 0, max: 400 * 86_400_000 }));
    fc.assert(
      fc.property(start, span, fc.integer({ min: 1, max: 12 }), (t0, length, budget) => {
        const ticks = timeTicks(t0, t0 + length, budget);
        const labels = ticks.map((tick) => tick.label);
        expect(ticks.length).toBeGreaterThan(0);
        expect(ticks.length).toBeLessThanOrEqual(budget);
        expect(new Set(labels).size).toBe(labels.length);
        for (const tick of ticks) {
          expect(tick.time).toBeGreaterThanOrEqual(t0);
          expect(tick.time).toBeLessThanOrEqual(t0 + length);
        }
      }),
      { numRuns: 500 },
    );
  });
});
