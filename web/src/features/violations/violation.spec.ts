import { describe, expect, it } from 'vitest';
import { describeDrift, formatDelta } from './violation';

describe('describeDrift', () => {
  it('says how far the license is behind or ahead of progress', () => {
    expect(describeDrift({ type: 'LEVEL_MISMATCH', progressLevel: 5, licenseLevel: 3, totalXp: 100 })).toMatchObject({ delta: -2, summary: 'License 2 levels behind progress' });
    expect(describeDrift({ type: 'LEVEL_MISMATCH', progressLevel: 2, licenseLevel: 3, totalXp: 100 }).summary).toBe('License 1 level ahead of progress');
  });

  it('names the missing side', () => {
    expect(describeDrift({ type: 'MISSING_LICENSE', progressLevel: 2, licenseLevel: null, totalXp: 10 })).toMatchObject({ license: 'No license', delta: null });
    expect(describeDrift({ type: 'ORPHAN_LICENSE', progressLevel: null, licenseLevel: 4, totalXp: null })).toMatchObject({ progress: 'No progress' });
  });

  it('quotes the XP when it disagrees with the level', () => {
    expect(describeDrift({ type: 'XP_LEVEL_MISMATCH', progressLevel: 3, licenseLevel: 3, totalXp: 12400 }).summary).toBe('12,400 XP does not match level 3');
  });
});

describe('formatDelta', () => {
  it('uses a real minus sign', () => {
    expect([formatDelta(-2), formatDelta(1), formatDelta(0)]).toEqual(['\u22122', '+1', '0']);
  });
});
