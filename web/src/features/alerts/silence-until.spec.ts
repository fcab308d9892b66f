import { describe, expect, it } from 'vitest';
import { parseSilenceUntil, silenceEnd, toLocalInput } from './silence-until';

describe('silence times', () => {
  const now = Date.parse('2026-12-03T06:00:00.000Z');

  it('ends a quick silence the given minutes from now', () => {
    expect(silenceEnd(now, 15)).toBe('2026-12-03T06:15:00.000Z');
    expect(silenceEnd(now, 60)).toBe('2026-12-03T07:00:00.000Z');
  });

  it('reads a datetime-local value in the browser’s time zone, and round-trips it', () => {
    const later = now + 3 * 3_600_000;
    expect(parseSilenceUntil(toLocalInput(later), now)).toBe(new Date(later).toISOString());
  });

  it('refuses an empty, malformed or past time', () => {
    expect(parseSilenceUntil('', now)).toBeNull();
    expect(parseSilenceUntil('tomorrow', now)).toBeNull();
    expect(parseSilenceUntil(toLocalInput(now - 60_000), now)).toBeNull();
  });
});
