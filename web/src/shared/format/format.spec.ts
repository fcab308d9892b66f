import { describe, expect, it } from 'vitest';
import { formatDuration } from './format-duration';
import { formatPercent } from './format-percent';
import { formatRelativeTime } from './format-relative-time';

describe('formatDuration', () => {
  it.each([
    [850, '850 ms'],
    [4200, '4.2 s'],
    [185_000, '3 min 5 s'],
    [7_800_000, '2 h 10 min'],
    [273_600_000, '3 d 4 h'],
    [null, '—'],
  ])('%s ms reads as %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe('formatPercent', () => {
  it('rounds down so an inconsistency never disappears', () => {
    expect(formatPercent(0.99999)).toBe('99.9%');
    expect(formatPercent(1)).toBe('100.0%');
    expect(formatPercent(null)).toBe('—');
  });
});

describe('formatRelativeTime', () => {
  it('speaks of the past and the future relative to now', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(formatRelativeTime('2026-01-01T11:57:00Z', now)).toBe('3 min. ago');
    expect(formatRelativeTime('2026-01-01T12:05:00Z', now)).toBe('in 5 min.');
    expect(formatRelativeTime('2026-01-01T12:00:02Z', now)).toBe('just now');
  });
});
